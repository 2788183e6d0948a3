using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Outreach;

/// <summary>
/// The partners (家庭成长中心, 社会组织, 互助会) and online channels (公众号, 微信群, QQ群) in the user's scope: read-only
/// lists, filtered by township and kind, so that the summary's figures lead to the records behind them. The kind
/// filter takes one kind or several separated by commas (the summary counts WeChat and QQ groups together).
/// </summary>
public sealed class OutreachLists(FederationDbContext db, RegisterQueries queries, IStringLocalizer<SharedResource> l)
{
    private static readonly RegisterColumn[] PartnerColumns =
    [
        new("Partners.Name"), new("Partners.Kind", CellKind.Label), new("Partners.BuiltWith"), new("Partners.Since", CellKind.Date), new("Programmes.Organisation"),
    ];

    private static readonly RegisterColumn[] ChannelColumns =
    [
        new("Channels.Name"), new("Channels.Kind", CellKind.Label), new("Channels.Members", CellKind.Number), new("Programmes.Organisation"),
    ];

    public async Task<RegisterListPage> PartnersAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var partners = await queries.WithinAsync(db.Partners.AsNoTracking(), filter.Township, cancellationToken);
        var kinds = Kinds<PartnerKind>(filter);
        if (kinds.Count > 0)
        {
            partners = partners.Where(p => kinds.Contains(p.Kind));
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            partners = partners.Where(p => p.Name.Contains(search));
        }

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            partners.OrderBy(p => p.Kind).ThenBy(p => p.Organisation!.Path).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Name, p.Kind, p.BuiltWith, p.Since, Organisation = p.Organisation!.Name }),
            filter, everything, cancellationToken);
        return new RegisterListPage(
            "Partners",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("kind", "Partners.Kind", RegisterQueries.EnumOptions<PartnerKind>("PartnerKind"), filter.Kind),
            ],
            PartnerColumns,
            rows.Select(r => new RegisterRow(r.Id, [r.Name, "PartnerKind." + r.Kind, r.BuiltWith, r.Since, r.Organisation], null)).ToList(),
            total,
            pageCount);
    }

    public async Task<RegisterListPage> ChannelsAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var channels = await queries.WithinAsync(db.OutreachChannels.AsNoTracking(), filter.Township, cancellationToken);
        var kinds = Kinds<ChannelKind>(filter);
        if (kinds.Count > 0)
        {
            channels = channels.Where(c => kinds.Contains(c.Kind));
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            channels = channels.Where(c => c.Name.Contains(search));
        }

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            channels.OrderBy(c => c.Kind).ThenBy(c => c.Organisation!.Path).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.Name, c.Kind, c.Members, Organisation = c.Organisation!.Name }),
            filter, everything, cancellationToken);
        var options = RegisterQueries.EnumOptions<ChannelKind>("ChannelKind");
        if (filter.Kind is { } kind && kind.Contains(',', StringComparison.Ordinal))
        {
            // Several kinds chosen by a link: shown as one choice so that the filter says what the list holds.
            options = [new Option(kind, string.Join(" + ", kinds.Select(k => l["ChannelKind." + k].Value))), .. options];
        }

        return new RegisterListPage(
            "Channels",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("kind", "Channels.Kind", options, filter.Kind),
            ],
            ChannelColumns,
            rows.Select(r => new RegisterRow(r.Id, [r.Name, "ChannelKind." + r.Kind, r.Members, r.Organisation], null)).ToList(),
            total,
            pageCount);
    }

    /// <summary>The kinds named by the filter; unknown names are dropped, and an all-unknown filter is cleared.</summary>
    private static List<T> Kinds<T>(RegisterFilter filter)
        where T : struct, Enum
    {
        var kinds = (filter.Kind ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => Enum.TryParse<T>(k, out var kind) && Enum.IsDefined(kind) ? kind : (T?)null)
            .OfType<T>()
            .Distinct()
            .ToList();
        if (kinds.Count == 0)
        {
            filter.Kind = null;
        }

        return kinds;
    }
}
