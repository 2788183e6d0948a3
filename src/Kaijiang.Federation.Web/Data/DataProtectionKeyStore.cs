using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// The ASP.NET Core data-protection keys (which sign and encrypt the sign-in and anti-forgery cookies) live in the
/// database, table DataProtectionKeys, so that a restart keeps sessions and every instance of the portal on one
/// database reads the other's cookies. At rest each key is encrypted with the personal-data key (<c>Privacy:*</c>,
/// kept outside the database): a copy of the database alone cannot be used to forge a sign-in cookie.
/// </summary>
public static class DataProtectionKeyStore
{
    /// <summary>Shared by every instance (the default would be the content root, which differs between servers).</summary>
    public const string ApplicationName = "Kaijiang.Federation.Portal";

    public static IServiceCollection AddDataProtectionKeysInDatabase(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<FederationDbContext>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlEncryptor = new PersonalDataXmlEncryptor(sp.GetRequiredService<PersonalDataProtector>())));
        return services;
    }

    internal const string Field = "DataProtectionKey";
}

/// <summary>Encrypts a data-protection key's XML with the personal-data key before it is stored.</summary>
public sealed class PersonalDataXmlEncryptor(PersonalDataProtector protector) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var element = new XElement("encryptedKey",
            new XComment(" This key is encrypted with the portal's Privacy encryption key (AES-256-GCM). "),
            new XElement("value", protector.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting), DataProtectionKeyStore.Field)));
        return new EncryptedXmlInfo(element, typeof(PersonalDataXmlDecryptor));
    }
}

/// <summary>Reads a key written by <see cref="PersonalDataXmlEncryptor"/>; created by the data-protection system by type name.</summary>
public sealed class PersonalDataXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var value = (string?)encryptedElement.Element("value")
            ?? throw new InvalidOperationException("A stored data-protection key has no encrypted value.");
        return XElement.Parse(services.GetRequiredService<PersonalDataProtector>().Decrypt(value, DataProtectionKeyStore.Field));
    }
}
