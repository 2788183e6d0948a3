using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Seeding;

/// <summary>Builds the demo county in memory, deterministically; <see cref="DemoCountyWriter"/> stores it.</summary>
public sealed class DemoCounty(TimeProvider clock)
{
    public sealed record Account(string UserName, string DisplayName, string Role, Organisation Scope);

    public sealed class Result
    {
        public required Organisation County { get; init; }

        public List<Organisation> Organisations { get; } = [];

        public List<Account> Accounts { get; } = [];
    }

    /// <summary>The 20 townships of the period the source document describes: name, pinyin for the account, division code.</summary>
    public static readonly IReadOnlyList<(string Name, string Pinyin, bool IsTown)> Townships =
    [
        ("新宁镇", "xinning", true), ("普安镇", "puan", true), ("回龙镇", "huilong", true), ("讲治镇", "jiangzhi", true),
        ("甘棠镇", "gantang", true), ("任市镇", "renshi", true), ("广福镇", "guangfu", true), ("长岭镇", "changling", true),
        ("永兴镇", "yongxing", true), ("天师镇", "tianshi", true), ("八庙乡", "bamiao", false), ("灵岩乡", "lingyan", false),
        ("梅家乡", "meijia", false), ("长田乡", "changtian", false), ("骑龙乡", "qilong", false), ("新太乡", "xintai", false),
        ("沙坝场乡", "shabachang", false), ("靖安乡", "jingan", false), ("拔妙乡", "bamiao2", false), ("宝石乡", "baoshi", false),
    ];

    public Result Build()
    {
        _ = clock;
        var county = new Organisation
        {
            Name = "开江县妇女联合会",
            Kind = OrganisationKind.County,
            Path = OrganisationPath.Segment(1),
            DivisionCode = "511723",
            ReformStatus = ReformStatus.Converted,
            IsDemo = true,
        };
        var result = new Result { County = county };
        result.Organisations.Add(county);
        result.Accounts.Add(new Account("admin", "系统管理员", Roles.SystemAdmin, county));
        result.Accounts.Add(new Account("county.staff", "县妇联工作人员", Roles.CountyStaff, county));
        result.Accounts.Add(new Account("leader", "县妇联领导", Roles.Leadership, county));
        return result;
    }
}
