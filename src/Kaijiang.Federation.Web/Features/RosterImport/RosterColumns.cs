using System.Globalization;
using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Features.RosterImport;

/// <summary>
/// The roster sheet's columns and the words county clerks type in them. The headers are Chinese in every UI language:
/// the sheet is an exchange format shared with offices that keep it in Excel, like the county's paper forms.
/// </summary>
public static class RosterColumns
{
    public const string Organisation = "组织";
    public const string Name = "姓名";
    public const string Sex = "性别";
    public const string BirthDate = "出生日期";
    public const string Ethnicity = "民族";
    public const string Education = "学历";
    public const string PoliticalStatus = "政治面貌";
    public const string Phone = "手机号码";
    public const string IdNumber = "身份证号";
    public const string Office = "职务";
    public const string FullTime = "专兼职";
    public const string StartOn = "任职开始日期";
    public const string InTwoCommittees = "进两委";
    public const string PartySecretary = "党支部书记";
    public const string VillageDirector = "村（居）委会主任";
    public const string MonthlyStipend = "月补贴";
    public const string SecretaryPay = "支部书记月工资";

    /// <summary>Written by the export only; ignored by the import (terms run five years from their start).</summary>
    public const string PlannedEndOn = "任期届满日期";

    /// <summary>The columns of the template, in order. Extra columns in an uploaded sheet are ignored.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Organisation, Name, Sex, BirthDate, Ethnicity, Education, PoliticalStatus, Phone, IdNumber, Office, FullTime,
        StartOn, InTwoCommittees, PartySecretary, VillageDirector, MonthlyStipend, SecretaryPay,
    ];

    public static readonly IReadOnlySet<string> DateColumns = new HashSet<string>(StringComparer.Ordinal) { BirthDate, StartOn };

    public static readonly IReadOnlyDictionary<string, Domain.Sex> Sexes = new Dictionary<string, Domain.Sex>(StringComparer.Ordinal)
    {
        ["女"] = Domain.Sex.Female, ["男"] = Domain.Sex.Male,
    };

    public static readonly IReadOnlyDictionary<string, Domain.Office> Offices = new Dictionary<string, Domain.Office>(StringComparer.Ordinal)
    {
        ["主席"] = Domain.Office.Chair, ["副主席"] = Domain.Office.ViceChair, ["执委"] = Domain.Office.ExecutiveMember, ["执行委员"] = Domain.Office.ExecutiveMember,
    };

    public static readonly IReadOnlyDictionary<string, bool> FullTimeWords = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["专职"] = true, ["兼职"] = false,
    };

    public static readonly IReadOnlyDictionary<string, Domain.Education> Educations = new Dictionary<string, Domain.Education>(StringComparer.Ordinal)
    {
        ["小学"] = Domain.Education.Primary, ["初中"] = Domain.Education.JuniorHigh, ["高中"] = Domain.Education.SeniorHigh,
        ["中专"] = Domain.Education.Vocational, ["职高"] = Domain.Education.Vocational, ["大专"] = Domain.Education.College,
        ["本科"] = Domain.Education.Bachelor, ["研究生"] = Domain.Education.Postgraduate,
    };

    public static readonly IReadOnlyDictionary<string, Domain.PoliticalStatus> PoliticalStatuses = new Dictionary<string, Domain.PoliticalStatus>(StringComparer.Ordinal)
    {
        ["中共党员"] = Domain.PoliticalStatus.PartyMember, ["中共预备党员"] = Domain.PoliticalStatus.ProbationaryMember,
        ["共青团员"] = Domain.PoliticalStatus.LeagueMember, ["群众"] = Domain.PoliticalStatus.Masses, ["民主党派"] = Domain.PoliticalStatus.OtherParty,
    };

    public static readonly IReadOnlyDictionary<string, bool> YesNo = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase)
    {
        ["是"] = true, ["否"] = false, ["Y"] = true, ["N"] = false, ["1"] = true, ["0"] = false, ["√"] = true, ["×"] = false,
    };

    public static string Yes(bool value) => value ? "是" : "否";

    /// <summary>The word an export writes for each value: the first word the import reads as that value.</summary>
    public static IReadOnlyDictionary<T, string> WordsFor<T>(IReadOnlyDictionary<string, T> words)
        where T : notnull => words.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.First().Key);

    /// <summary>The date formats a clerk types: 2024-03-01, 2024/3/1, 2024.3.1, 20240301, 2024年3月1日.</summary>
    public static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    public static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
