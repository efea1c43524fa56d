namespace Zhangjiang.Web.Features.Shared;

/// <summary>Uploads sent as the raw request body (their type is judged from the content, never from a header).</summary>
public static class RequestBody
{
    /// <summary>The raw request body, or null when it is longer than <paramref name="limit"/> (read no further than that).</summary>
    public static async Task<MemoryStream?> ReadAsync(Microsoft.AspNetCore.Http.HttpRequest request, long limit, CancellationToken ct)
    {
        var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > limit)
            {
                await body.DisposeAsync();
                return null;
            }
            body.Write(buffer, 0, read);
        }
        body.Position = 0;
        return body;
    }
}
