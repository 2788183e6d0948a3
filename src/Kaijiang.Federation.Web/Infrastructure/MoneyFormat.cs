using System.Globalization;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>Money as users expect it: 万元 on Chinese pages for large sums, yuan elsewhere.</summary>
public static class MoneyFormat
{
    public static string Format(decimal yuan, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        if (culture.TwoLetterISOLanguageName == "zh")
        {
            return yuan >= 10_000m
                ? (yuan / 10_000m).ToString("#,##0.##", culture) + " 万元"
                : yuan.ToString("#,##0.##", culture) + " 元";
        }

        return "¥" + yuan.ToString("#,##0.00", culture);
    }
}
