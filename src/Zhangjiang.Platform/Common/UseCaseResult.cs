using System.Globalization;
using System.Resources;

namespace Zhangjiang.Platform.Common;

public enum UseCaseStatus
{
    Ok = 0,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>A message for users: a resource key in Resources/Messages plus its arguments, rendered in their culture.</summary>
public sealed record UserMessage(string Key, params object[] Args)
{
    private static readonly ResourceManager Resources =
        new("Zhangjiang.Platform.Resources.Messages", typeof(UserMessage).Assembly);

    public string Render(CultureInfo culture)
    {
        var template = Resources.GetString(Key, culture) ?? Key;
        var args = Args.Select(a => a is UserMessage inner ? inner.Render(culture) : a).ToArray();
        return string.Format(culture, template, args);
    }

    public override string ToString() => Render(CultureInfo.CurrentUICulture);
}

/// <summary>
/// A name kept in both languages (a topic, a kind of applicant) as a message argument: it formats as the Chinese name
/// for a Chinese culture and the English one otherwise.
/// </summary>
public sealed record LocalText(string Zh, string En) : IFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        formatProvider is CultureInfo { TwoLetterISOLanguageName: "zh" } || (formatProvider is null && CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh") || En.Length == 0 ? Zh : En;

    public override string ToString() => ToString(null, null);
}

/// <summary>The version a state change was decided on (the page or client read it): the body of every "move it on" call.</summary>
public sealed record VersionInput(Guid Version);

/// <summary>A refusal that names where the problem is (field, and row for imports).</summary>
public sealed record FieldError(string Field, UserMessage Message, int? Row = null);

public sealed record UseCaseResult<T>(UseCaseStatus Status, T? Value, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Status == UseCaseStatus.Ok;

    public static UseCaseResult<T> Ok(T value) => new(UseCaseStatus.Ok, value, []);
    public static UseCaseResult<T> NotFound() => new(UseCaseStatus.NotFound, default, []);
    public static UseCaseResult<T> Forbidden() => new(UseCaseStatus.Forbidden, default, []);
    public static UseCaseResult<T> Conflict(UserMessage message) => new(UseCaseStatus.Conflict, default, [new FieldError("", message)]);
    public static UseCaseResult<T> Invalid(IReadOnlyList<FieldError> errors) => new(UseCaseStatus.Invalid, default, errors);
    public static UseCaseResult<T> Invalid(string field, UserMessage message) => new(UseCaseStatus.Invalid, default, [new FieldError(field, message)]);
}
