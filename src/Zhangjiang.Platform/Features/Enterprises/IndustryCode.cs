namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>
/// GB/T 4754-2017 industry codes (国民经济行业分类): a section letter A–T, then a two-digit division, a third digit for
/// the group and a fourth for the class. Files often carry the digits only; the section follows from the division.
/// </summary>
public static class IndustryCode
{
    /// <summary>Each section's first and last division (GB/T 4754-2017 Table 1).</summary>
    private static readonly (char Section, int From, int To, string NameZh, string NameEn)[] Sections =
    [
        ('A', 1, 5, "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
        ('B', 6, 12, "采矿业", "Mining"),
        ('C', 13, 43, "制造业", "Manufacturing"),
        ('D', 44, 46, "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water"),
        ('E', 47, 50, "建筑业", "Construction"),
        ('F', 51, 52, "批发和零售业", "Wholesale and retail"),
        ('G', 53, 60, "交通运输、仓储和邮政业", "Transport, storage and post"),
        ('H', 61, 62, "住宿和餐饮业", "Accommodation and catering"),
        ('I', 63, 65, "信息传输、软件和信息技术服务业", "Information transmission, software and IT services"),
        ('J', 66, 69, "金融业", "Finance"),
        ('K', 70, 70, "房地产业", "Real estate"),
        ('L', 71, 72, "租赁和商务服务业", "Leasing and business services"),
        ('M', 73, 75, "科学研究和技术服务业", "Scientific research and technical services"),
        ('N', 76, 79, "水利、环境和公共设施管理业", "Water, environment and public facilities"),
        ('O', 80, 82, "居民服务、修理和其他服务业", "Household, repair and other services"),
        ('P', 83, 83, "教育", "Education"),
        ('Q', 84, 85, "卫生和社会工作", "Health and social work"),
        ('R', 86, 90, "文化、体育和娱乐业", "Culture, sports and entertainment"),
        ('S', 91, 96, "公共管理、社会保障和社会组织", "Public administration, social security and social organisations"),
        ('T', 97, 97, "国际组织", "International organisations"),
    ];

    /// <summary>The code with its section letter (C3973), or null when the text is not a valid code.</summary>
    public static string? Normalize(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.Length > 5)
        {
            return null;
        }
        var letter = char.IsAsciiLetter(text[0]) ? char.ToUpperInvariant(text[0]) : '\0';
        var digits = letter == '\0' ? text : text[1..];
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }
        if (digits.IsEmpty)
        {
            return Sections.Any(s => s.Section == letter) ? letter.ToString() : null;
        }
        if (digits.Length < 2 || digits.Length > 4)
        {
            return null;
        }
        var division = (digits[0] - '0') * 10 + (digits[1] - '0');
        var section = Sections.FirstOrDefault(s => division >= s.From && division <= s.To);
        if (section.Section == '\0' || (letter != '\0' && letter != section.Section))
        {
            return null;
        }
        return section.Section + digits.ToString();
    }

    /// <summary>The section's name for a normalised code, in Chinese or English.</summary>
    public static string SectionName(string? code, bool chinese)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "";
        }
        var section = Sections.FirstOrDefault(s => s.Section == code[0]);
        return section.Section == '\0' ? "" : chinese ? section.NameZh : section.NameEn;
    }

    public static IReadOnlyList<(char Section, string NameZh, string NameEn)> AllSections =>
        [.. Sections.Select(s => (s.Section, s.NameZh, s.NameEn))];
}
