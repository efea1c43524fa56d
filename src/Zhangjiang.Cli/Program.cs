using Zhangjiang.Cli;

// zj: the platform's operator console. `zj --help` lists the commands.
return await ZjCommands.Build().Parse(args).InvokeAsync();
