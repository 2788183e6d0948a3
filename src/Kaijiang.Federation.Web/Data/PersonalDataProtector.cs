using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// Encrypts resident ID numbers and personal phones for the database (AES-256-GCM, a random nonce per value) and
/// makes the keyed hashes (HMAC-SHA256 of the normalised value) by which they are still found by exact match.
/// The keys live outside the database (<c>Privacy:*</c>, see <see cref="PersonalDataKeys"/>).
/// </summary>
/// <remarks>
/// Stored form: <c>e1.&lt;key id&gt;.&lt;base64 of nonce | ciphertext | tag&gt;</c>. "e1" is the format; the key id says
/// which key encrypted it, so a new key can become current while values under older ones stay readable. The field
/// ("Person.IdNumber") is bound in as associated data: a value copied into another column does not decrypt.
/// </remarks>
public sealed class PersonalDataProtector
{
    public const string IdNumberField = "Person.IdNumber";
    public const string PhoneField = "Person.Phone";

    private const string Prefix = "e1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly PersonalDataKeys _keys;

    public PersonalDataProtector(PersonalDataKeys keys)
    {
        _keys = keys;
        Fingerprint = keys.Fingerprint;
    }

    /// <summary>Identifies the key set (not the keys): EF keeps one model per key set, since the converters hold the keys.</summary>
    public string Fingerprint { get; }

    public int CurrentKeyId => _keys.CurrentKeyId;

    public static bool IsEncrypted(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key id of a stored value, or null for a value still in clear.</summary>
    public static int? KeyIdOf(string? stored)
    {
        if (!IsEncrypted(stored))
        {
            return null;
        }

        var end = stored!.IndexOf('.', Prefix.Length);
        return end > Prefix.Length && int.TryParse(stored.AsSpan(Prefix.Length, end - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    public string Encrypt(string clear, string field) => EncryptBytes(Encoding.UTF8.GetBytes(clear), field);

    /// <summary>Encrypts bytes into the stored format (<c>e1.&lt;key id&gt;.&lt;base64&gt;</c>): for payloads that are not text.</summary>
    public string EncryptBytes(ReadOnlySpan<byte> plain, string field)
    {
        var buffer = new byte[NonceSize + plain.Length + TagSize];
        var nonce = buffer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys.CurrentKey, TagSize))
        {
            aes.Encrypt(nonce, plain, buffer.AsSpan(NonceSize, plain.Length), buffer.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(field));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{_keys.CurrentKeyId}.{Convert.ToBase64String(buffer)}");
    }

    /// <summary>The clear value. A value without the format's prefix is one written before encryption and is returned as it is.</summary>
    /// <exception cref="PersonalDataKeyException">The key is unknown or wrong, or the value was altered.</exception>
    public string Decrypt(string stored, string field) =>
        IsEncrypted(stored) ? Encoding.UTF8.GetString(DecryptBytes(stored, field)) : stored;

    /// <summary>The clear bytes of a value in the stored format (see <see cref="EncryptBytes"/>).</summary>
    /// <exception cref="PersonalDataKeyException">Not in the format, the key is unknown or wrong, or the value was altered.</exception>
    public byte[] DecryptBytes(string stored, string field)
    {
        var keyId = KeyIdOf(stored) ?? throw new PersonalDataKeyException($"A stored {field} value is not in the format e1.<key id>.<data>.");
        if (!_keys.TryGetKey(keyId, out var key))
        {
            throw new PersonalDataKeyException(
                $"A stored {field} value was encrypted with key id {keyId}, which is not configured. Add it as Privacy:PreviousEncryptionKeys:{keyId} (or restore the key file).");
        }

        // Decoded from the string in place: a large payload (a pending import) is not copied first.
        var encoded = stored.AsSpan(stored.IndexOf('.', Prefix.Length) + 1);
        var data = new byte[encoded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(encoded, data, out var length))
        {
            throw new PersonalDataKeyException($"A stored {field} value is not valid base64.");
        }

        if (length < NonceSize + TagSize)
        {
            throw new PersonalDataKeyException($"A stored {field} value is too short to be encrypted data.");
        }

        var plain = new byte[length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, plain.Length), data.AsSpan(NonceSize + plain.Length, TagSize), plain, Encoding.UTF8.GetBytes(field));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new PersonalDataKeyException(
                $"A stored {field} value does not decrypt with the configured key id {keyId}: the Privacy encryption key is not the one the data was written with, or the value was altered.");
        }

        return plain;
    }

    /// <summary>The keyed hash of an ID number (trimmed, upper case), for exact-match search and uniqueness.</summary>
    public string? HashIdNumber(string? idNumber) =>
        string.IsNullOrWhiteSpace(idNumber) ? null : Hash(IdNumberField, idNumber.Trim().ToUpperInvariant());

    /// <summary>The keyed hash of a phone (spaces and hyphens left out).</summary>
    public string? HashPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return Hash(PhoneField, digits);
    }

    private string Hash(string field, string normalised)
    {
        var mac = HMACSHA256.HashData(_keys.HashKey, Encoding.UTF8.GetBytes(field + ":" + normalised));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The EF converter of one field: the model holds clear text, the column the encrypted form.</summary>
    public ValueConverter<string?, string?> ConverterFor(string field) =>
        new(clear => Encrypt(clear!, field), stored => Decrypt(stored!, field));
}

/// <summary>A personal-data key is missing, unknown or wrong; the message says which setting to fix.</summary>
public sealed class PersonalDataKeyException(string message) : InvalidOperationException(message);
