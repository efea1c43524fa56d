using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Hosting;

/// <summary>
/// An /api request that meets an unreachable database (PostgreSQL restarting, the network to it down) is answered 503
/// with Retry-After, as a temporary condition the caller can wait out, instead of a 500. The app does not restart: the
/// connection pool reconnects once the server is back (DatabaseOutageTests).
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!WebHosting.IsApi(httpContext) || !IsDatabaseUnavailable(exception))
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = UiCulture.IsChinese ? "数据库暂时不可用，请稍后重试。" : "The database is unavailable for a moment; please try again shortly.",
            },
        });
    }

    /// <summary>A connection that could not be opened or was cut (refused, reset, the server shutting down).</summary>
    private static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { IsTransient: true } => true,
        System.Net.Sockets.SocketException => true,
        { InnerException: { } inner } => IsDatabaseUnavailable(inner),
        _ => false,
    };
}
