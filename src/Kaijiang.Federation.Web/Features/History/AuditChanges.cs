using System.Globalization;
using System.Text.Json;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.History;

/// <summary>One property of one audit entry: its label and its value before and after, ready to show.</summary>
public sealed record PropertyChange(string Property, string Label, string? Before, string? After);

/// <summary>
/// Turns an audit entry's JSON (<see cref="AuditEntry.Before"/>, <see cref="AuditEntry.After"/>) into a readable table:
/// property names through resource keys where they exist, enum values by their localised names, ID numbers and phones
/// masked unless the role needs them. A person's ID number and phone are held in the JSON encrypted and decrypted here.
/// </summary>
public sealed class AuditChanges(FederationDbContext db, IStringLocalizer<SharedResource> l, CurrentUser currentUser, PersonalDataProtector personalData)
{
    // The concurrency token changes with every edit; showing it says nothing to a clerk.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { nameof(EditableEntity.Version) };

    private static readonly HashSet<string> IdNumberProperties = new(StringComparer.Ordinal) { nameof(Person.IdNumber) };

    private static readonly HashSet<string> PhoneProperties = new(StringComparer.Ordinal) { nameof(Person.Phone), nameof(Organisation.ContactPhone), "PhoneNumber" };

    // The page-level resource prefix of each record type, whose keys label its fields on its own pages.
    private static readonly Dictionary<string, string> PagePrefixes = new(StringComparer.Ordinal)
    {
        [nameof(Organisation)] = "Organisations", [nameof(Person)] = "People", [nameof(OfficeTerm)] = "Terms",
    };

    public IReadOnlyList<PropertyChange> Describe(string entityType, string? beforeJson, string? afterJson)
    {
        var before = Parse(beforeJson);
        var after = Parse(afterJson);
        var full = currentUser.SeesFullIdentityNumbers;
        var clrType = db.Model.GetEntityTypes().FirstOrDefault(t => !t.HasSharedClrType && t.ClrType.Name == entityType);
        return before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Where(name => !Hidden.Contains(name))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var type = clrType?.FindProperty(name)?.ClrType;
                return new PropertyChange(
                    name,
                    Label(entityType, name),
                    before.TryGetValue(name, out var b) ? Show(name, b, type, full) : null,
                    after.TryGetValue(name, out var a) ? Show(name, a, type, full) : null);
            })
            .ToList();
    }

    public string Label(string entityType, string property)
    {
        string[] keys = PagePrefixes.TryGetValue(entityType, out var prefix)
            ? [$"History.Field.{entityType}.{property}", $"{prefix}.{property}", $"History.Field.{property}"]
            : [$"History.Field.{entityType}.{property}", $"History.Field.{property}"];
        foreach (var key in keys)
        {
            var text = l[key];
            if (!text.ResourceNotFound)
            {
                return text.Value;
            }
        }

        return property;
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : [];
        }
        catch (JsonException)
        {
            // A security event's detail is free text, not an object of values.
            return new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["Detail"] = JsonSerializer.SerializeToElement(json) };
        }
    }

    private string Show(string property, JsonElement value, Type? type, bool full)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => l["Common.Yes"].Value,
            JsonValueKind.False => l["Common.No"].Value,
            _ => value.GetRawText(),
        };
        if (text is null)
        {
            return "—";
        }

        var enumType = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (enumType is { IsEnum: true } && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            var name = Enum.GetName(enumType, number) ?? number.ToString(CultureInfo.InvariantCulture);
            var localised = l[$"{enumType.Name}.{name}"];
            return localised.ResourceNotFound ? name : localised.Value;
        }

        if (IdNumberProperties.Contains(property))
        {
            text = personalData.Decrypt(text, PersonalDataProtector.IdNumberField);
            return full ? text : ResidentIdNumber.Mask(text);
        }

        if (PhoneProperties.Contains(property))
        {
            if (PersonalDataProtector.IsEncrypted(text))
            {
                text = personalData.Decrypt(text, PersonalDataProtector.PhoneField);
            }

            return full ? text : MobilePhone.Mask(text);
        }

        return text;
    }
}
