using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zhangjiang.Platform.Data;

/// <summary>Reads a seed file of data/seed/ that the build embeds in this assembly (as Zhangjiang.Platform.seed.NAME).</summary>
public static class SeedFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static T Read<T>(string name) where T : class
    {
        using var stream = typeof(SeedFile).Assembly.GetManifestResourceStream("Zhangjiang.Platform.seed." + name)
            ?? throw new InvalidOperationException($"The embedded seed file data/seed/{name} is missing from the build.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"The seed file data/seed/{name} is empty.");
    }
}
