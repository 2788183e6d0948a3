using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;

namespace Kaijiang.Federation.Web.Features.RosterImport;

/// <summary>The empty roster sheet to fill in: the headers and one example row that shows each column's form.</summary>
public static class RosterTemplate
{
    public const string FileName = "roster-template.xlsx";

    public static async Task<byte[]> BuildAsync(CancellationToken cancellationToken)
    {
        var birth = new DateOnly(1985, 6, 15);
        // Text, not numbers: an 18-digit ID number typed as a number loses its last digits in Excel.
        var example = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [RosterColumns.Organisation] = "（示例）某某村",
            [RosterColumns.Name] = "张秀英",
            [RosterColumns.Sex] = "女",
            [RosterColumns.BirthDate] = RosterColumns.FormatDate(birth),
            [RosterColumns.Ethnicity] = "汉族",
            [RosterColumns.Education] = "高中",
            [RosterColumns.PoliticalStatus] = "中共党员",
            [RosterColumns.Phone] = "13800138000",
            [RosterColumns.IdNumber] = ResidentIdNumber.Create("511723", birth, 24),
            [RosterColumns.Office] = "主席",
            [RosterColumns.FullTime] = "兼职",
            [RosterColumns.StartOn] = "2024-01-01",
            [RosterColumns.InTwoCommittees] = "是",
            [RosterColumns.PartySecretary] = "否",
            [RosterColumns.VillageDirector] = "否",
            [RosterColumns.MonthlyStipend] = "800",
            [RosterColumns.SecretaryPay] = "2400",
        };
        return await XlsxFile.BytesAsync([example], "名册", cancellationToken);
    }
}
