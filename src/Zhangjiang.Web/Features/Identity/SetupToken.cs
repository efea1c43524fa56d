using System.Security.Cryptography;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// The one-time link that lets the first administrator be created from the browser. Only its hash is kept,
/// in memory: it dies with the process and after one use.
/// </summary>
public sealed class SetupToken
{
    private readonly Lock _gate = new();
    private byte[]? _hash;

    public string Issue()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            _hash = Hash(token);
        }
        return token;
    }

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private bool Matches(string? token) => _hash is not null && token is not null && CryptographicOperations.FixedTimeEquals(_hash, Hash(token));

    public bool IsValid(string? token)
    {
        lock (_gate)
        {
            return Matches(token);
        }
    }

    /// <summary>Consumes the token: true once, for the first caller with the right value.</summary>
    public bool TryConsume(string? token)
    {
        lock (_gate)
        {
            if (!Matches(token))
            {
                return false;
            }
            _hash = null;
            return true;
        }
    }
}
