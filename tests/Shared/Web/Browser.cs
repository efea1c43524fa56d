using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Zhangjiang.Tests.Shared.Web;

/// <summary>
/// An HTTP client that keeps cookies the way a browser does, but lets tests see and replay them: redirects are
/// not followed, Set-Cookie headers stay visible.
/// </summary>
public sealed partial class Browser(HttpClient client) : IDisposable
{
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);
    public List<string> SetCookieHeaders { get; } = [];
    public HttpClient Client => client;
    // Tests send through one browser from many tasks at once (ConcurrencyTests): the cookie jar is guarded.
    private readonly Lock _jar = new();

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_jar)
        {
            if (Cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            using var held = _jar.EnterScope();
            foreach (var header in values)
            {
                SetCookieHeaders.Add(header);
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    Cookies.Remove(name);
                }
                else
                {
                    Cookies[name] = value;
                }
            }
        }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public Task<HttpResponseMessage> PutJsonAsync<T>(string url, T body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) });

    public Task<HttpResponseMessage> PostJsonAsync<T>(string url, T body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) });

    /// <summary>Loads the page that holds the form (for its antiforgery token), then posts the form.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? formPage = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var page = await GetAsync(formPage ?? "/account/login");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {formPage ?? "/account/login"} ({(int)page.StatusCode})");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });
    }

    public async Task<HttpStatusCode> StatusAsync(string url) => (await GetAsync(url)).StatusCode;

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
