using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zhangjiang.Tests.Shared.Web;

/// <summary>Reading API answers in tests: the expected status (else the method, URL, status and body), then the JSON.</summary>
public static class ApiAnswers
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> Json<T>(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(call);
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Options)!;
    }

    public static async Task Ok(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(call);
        var response = await call;
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
