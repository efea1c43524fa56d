using System.Globalization;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>Amounts are stored in fen (ADR 0011) and shown in 万元, the unit fund documents use.</summary>
public static class FundMoney
{
    /// <summary>Fen as 万元 with up to six decimals (down to the fen), digits grouped, culture-invariant.</summary>
    public static string Wan(long fen) => (fen / 1_000_000m).ToString("#,0.######", CultureInfo.InvariantCulture);
}
