using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// The keys of personal data at rest, read from configuration (<c>Privacy:*</c>) and/or a key file — never from the
/// database. In Development a key file is generated under the data folder when none is configured; anywhere else the
/// portal refuses to start without keys.
/// </summary>
/// <remarks>
/// Settings (the key file holds the same names as a JSON object; settings override the file):
/// <list type="bullet">
/// <item><c>Privacy:KeyFile</c> — path of the key file.</item>
/// <item><c>Privacy:EncryptionKey</c> — base64 of 32 random bytes, the current AES-256 key; <c>Privacy:EncryptionKeyId</c> its id (default 1).</item>
/// <item><c>Privacy:PreviousEncryptionKeys:&lt;id&gt;</c> — older keys, still used to read values written under them.</item>
/// <item><c>Privacy:HashKey</c> — base64 of 32 random bytes, the HMAC key of the search hashes.</item>
/// </list>
/// </remarks>
public sealed class PersonalDataKeys
{
    public const string Section = "Privacy";
    public const string DevelopmentKeyFileName = "personal-data-keys.json";
    private const int KeySize = 32;

    private readonly Dictionary<int, byte[]> _encryptionKeys;

    private PersonalDataKeys(int currentKeyId, Dictionary<int, byte[]> encryptionKeys, byte[] hashKey)
    {
        CurrentKeyId = currentKeyId;
        _encryptionKeys = encryptionKeys;
        HashKey = hashKey;
        CurrentKey = encryptionKeys[currentKeyId];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (id, key) in encryptionKeys.OrderBy(k => k.Key))
        {
            sha.AppendData(BitConverter.GetBytes(id));
            sha.AppendData(key);
        }

        sha.AppendData(hashKey);
        Fingerprint = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    public int CurrentKeyId { get; }

    public byte[] CurrentKey { get; }

    public byte[] HashKey { get; }

    public string Fingerprint { get; }

    public bool TryGetKey(int id, out byte[] key) => _encryptionKeys.TryGetValue(id, out key!);

    public static PersonalDataKeys Create(int currentKeyId, byte[] encryptionKey, byte[] hashKey, IReadOnlyDictionary<int, byte[]>? previous = null)
    {
        var keys = new Dictionary<int, byte[]>(previous ?? new Dictionary<int, byte[]>()) { [currentKeyId] = encryptionKey };
        return new PersonalDataKeys(currentKeyId, keys, hashKey);
    }

    /// <summary>Reads the keys; generates a key file in Development when none is configured.</summary>
    /// <exception cref="PersonalDataKeyException">Keys missing (outside Development), malformed or of the wrong size.</exception>
    public static PersonalDataKeys Load(IConfiguration configuration, string contentRoot, bool isDevelopment, ILogger logger)
    {
        var section = configuration.GetSection(Section);
        var keyFile = section["KeyFile"];
        var hasInline = !string.IsNullOrWhiteSpace(section["EncryptionKey"]) || !string.IsNullOrWhiteSpace(section["HashKey"]);
        if (string.IsNullOrWhiteSpace(keyFile) && !hasInline)
        {
            if (!isDevelopment)
            {
                throw new PersonalDataKeyException(
                    "No key for personal data at rest: set Privacy:KeyFile to a key file kept outside the database (see docs/operations.md, " +
                    "\"Keys\"), or Privacy:EncryptionKey and Privacy:HashKey (base64 of 32 random bytes each). The portal does not start without them.");
            }

            keyFile = Path.Combine(DatabaseRegistration.DataFolder(configuration, contentRoot), DevelopmentKeyFileName);
            if (!File.Exists(keyFile))
            {
                WriteNewKeyFile(keyFile);
                logger.LogWarning("Development: generated a new personal-data key file at {KeyFile}; back it up with the database, which cannot be read without it", keyFile);
            }
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(keyFile))
        {
            var path = Path.GetFullPath(keyFile, contentRoot);
            if (!File.Exists(path))
            {
                throw new PersonalDataKeyException($"Privacy:KeyFile names {path}, which does not exist. Restore the key file from its backup; without it the stored ID numbers and phones cannot be read.");
            }

            try
            {
                foreach (var (name, node) in JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [])
                {
                    if (node is JsonObject previous)
                    {
                        foreach (var (id, key) in previous)
                        {
                            values[$"{name}:{id}"] = key?.GetValue<string>();
                        }
                    }
                    else
                    {
                        values[name] = node?.ToString();
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                throw new PersonalDataKeyException($"The personal-data key file {path} is not a JSON object of keys: {ex.Message}");
            }
        }

        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null && !key.Equals("KeyFile", StringComparison.OrdinalIgnoreCase))
            {
                values[key] = value;
            }
        }

        var currentId = values.GetValueOrDefault("EncryptionKeyId") is { } idText
            ? int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new PersonalDataKeyException($"Privacy:EncryptionKeyId '{idText}' is not a positive whole number.")
            : 1;
        var current = Key(values, "EncryptionKey");
        var hash = Key(values, nameof(HashKey));
        var previousKeys = new Dictionary<int, byte[]>();
        foreach (var (name, _) in values)
        {
            if (name.StartsWith("PreviousEncryptionKeys:", StringComparison.OrdinalIgnoreCase))
            {
                var previousId = name["PreviousEncryptionKeys:".Length..];
                if (!int.TryParse(previousId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                {
                    throw new PersonalDataKeyException($"Privacy:{name}: the key id '{previousId}' is not a positive whole number.");
                }

                previousKeys[id] = Key(values, name);
            }
        }

        return Create(currentId, current, hash, previousKeys);
    }

    /// <summary>A new key file: one encryption key (id 1) and one hash key, readable by the owner only where the OS allows.</summary>
    public static void WriteNewKeyFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = new JsonObject
        {
            ["EncryptionKeyId"] = 1,
            ["EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize)),
            [nameof(HashKey)] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize)),
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static byte[] Key(Dictionary<string, string?> values, string name)
    {
        var text = values.GetValueOrDefault(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PersonalDataKeyException($"Privacy:{name} is missing: it must be the base64 of {KeySize} random bytes (e.g. `openssl rand -base64 32`).");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new PersonalDataKeyException($"Privacy:{name} is not base64: it must be the base64 of {KeySize} random bytes.");
        }

        return key.Length == KeySize
            ? key
            : throw new PersonalDataKeyException($"Privacy:{name} is {key.Length} bytes long; it must be {KeySize} random bytes.");
    }
}
