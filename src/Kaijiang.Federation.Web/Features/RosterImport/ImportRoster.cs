using System.Diagnostics;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Features.RosterImport;

public sealed record UploadOutcome(FileProblem? Problem, string? Token);

/// <param name="Gone">The batch was committed (or expired) meanwhile, e.g. by the same user on another instance.</param>
public sealed record CommitOutcome(RosterPreview? Refused, int Created, int Updated, int Unchanged, bool Gone = false);

/// <summary>
/// The import's two steps. Upload: read and validate every row, keep the result on the server, show the preview.
/// Commit: validate again against the database as it is now, then write all rows in one transaction, or none.
/// </summary>
public sealed partial class ImportRoster(
    FederationDbContext db,
    ValidateRoster validate,
    ImportBatchStore batches,
    CurrentUser currentUser,
    TimeProvider clock,
    IOptions<RosterImportOptions> options,
    ILogger<ImportRoster> logger)
{
    public async Task<UploadOutcome> UploadAsync(Organisation target, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return new UploadOutcome(new FileProblem("RosterImport.File.Missing"), null);
        }

        if (file.Length > RosterSheetReader.MaxBytes)
        {
            return new UploadOutcome(new FileProblem("RosterImport.File.TooLarge", (RosterSheetReader.MaxBytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)), null);
        }

        var watch = Stopwatch.StartNew();
        // Read where the form reader buffered the upload (a seekable stream): no second copy of the file in memory.
        await using var upload = file.OpenReadStream();
        await using var seekable = upload.CanSeek ? null : new MemoryStream((int)file.Length);
        if (seekable is not null)
        {
            await upload.CopyToAsync(seekable, cancellationToken);
            seekable.Position = 0;
        }

        var sheet = RosterSheetReader.Read(seekable ?? upload);
        if (sheet.Problem is not null)
        {
            return new UploadOutcome(sheet.Problem, null);
        }

        var read = watch.ElapsedMilliseconds;
        var preview = await validate.RunAsync(target, sheet.Rows, cancellationToken);
        var token = ImportBatchStore.NewToken();
        await batches.SaveAsync(
            new ImportBatch(token, currentUser.UserId!, target.Id, Path.GetFileName(file.FileName), clock.GetUtcNow(), sheet.Rows, preview),
            cancellationToken);
        LogValidated(logger, sheet.Rows.Count, preview.Problems.Count, read, watch.ElapsedMilliseconds);
        return new UploadOutcome(null, token);
    }

    public async Task<CommitOutcome> CommitAsync(PendingRows batch, Organisation target, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();

        // The database may have changed since the preview (someone added the same person): check again.
        var preview = await validate.RunAsync(target, batch.Rows, cancellationToken);
        if (!preview.IsValid)
        {
            return new CommitOutcome(preview, 0, 0, 0);
        }

        var validated = watch.ElapsedMilliseconds;
        var chunkSize = Math.Max(1, options.Value.CommitChunkSize);
        var saving = new Stopwatch();

        // One transaction, written in chunks: each chunk is saved and then dropped from the change tracker, so a
        // save never scans (or holds) more than one chunk's records and their audit entries. The transaction still
        // makes it all or nothing: a failure in any chunk, or a killed process, rolls every chunk back.
        // Claiming the batch in the same transaction: of two commits of one batch, only one writes.
        var claimed = await db.InTransactionAsync(
            async ct =>
            {
                // The work may be run again after a transient failure: nothing of a failed try stays tracked.
                db.ChangeTracker.Clear();
                if (!await batches.ClaimAsync(batch.Token, ct))
                {
                    return false;
                }

                db.AuditEntries.Add(ImportEntry(batch, target, preview));
                foreach (var chunk in preview.Rows.Chunk(chunkSize))
                {
                    await WriteChunkAsync(chunk, saving, ct);
                }

                return true;
            },
            commitWhen: claimed => claimed,
            cancellationToken);
        db.ChangeTracker.Clear();
        if (!claimed)
        {
            return new CommitOutcome(null, 0, 0, 0, Gone: true);
        }

        LogCommitted(logger, preview.Rows.Count, chunkSize, validated, saving.ElapsedMilliseconds, watch.ElapsedMilliseconds);
        return new CommitOutcome(null, preview.Count(RowAction.Create), preview.Count(RowAction.Update), preview.Count(RowAction.Duplicate));
    }

    /// <summary>
    /// Writes one chunk of rows with one save: existing people and terms of the chunk are read in one query each,
    /// new ones added; the audit interceptor adds their entries to the same save. The tracker is emptied afterwards.
    /// </summary>
    private async Task WriteChunkAsync(ValidRow[] chunk, Stopwatch saving, CancellationToken cancellationToken)
    {
        var personIds = chunk.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct().ToList();
        var termIds = chunk.Where(r => r.TermId is not null).Select(r => r.TermId!.Value).Distinct().ToList();
        var people = personIds.Count == 0 ? [] : await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var terms = termIds.Count == 0 ? [] : await db.OfficeTerms.Where(t => termIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);

        // Adding thousands of records with automatic change detection on scans the tracker again and again; the
        // changes of the existing records are detected once, by the save (the audit interceptor detects them first).
        using (db.ChangeTracker.PauseDetectChanges())
        {
            foreach (var row in chunk)
            {
                var person = row.PersonId is { } personId ? people[personId] : new Person { OrganisationId = row.OrganisationId };
                Apply(row, person);
                if (row.PersonId is null)
                {
                    db.People.Add(person);
                }

                var term = row.TermId is { } termId ? terms[termId] : new OfficeTerm { OrganisationId = row.OrganisationId, Person = person, Office = row.Office };
                Apply(row, term);
                if (row.TermId is null)
                {
                    db.OfficeTerms.Add(term);
                }
            }

            saving.Start();
            await db.SaveChangesAsync(cancellationToken);
            saving.Stop();
        }

        db.ChangeTracker.Clear();
    }

    private AuditEntry ImportEntry(PendingRows batch, Organisation target, RosterPreview preview) => new()
    {
        At = clock.GetUtcNow(),
        UserId = currentUser.UserId,
        UserName = currentUser.UserName,
        Action = AuditActions.Import,
        EntityType = AuditActions.RosterEntityType,
        EntityId = target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OrganisationPath = target.Path,
        After = System.Text.Json.JsonSerializer.Serialize(new
        {
            File = batch.FileName,
            Rows = preview.Rows.Count,
            Created = preview.Count(RowAction.Create),
            Updated = preview.Count(RowAction.Update),
            Unchanged = preview.Count(RowAction.Duplicate),
        }),
    };

    // An existing person keeps what the sheet leaves blank; what it gives replaces the stored value.
    private static void Apply(ValidRow row, Person person)
    {
        person.Name = row.Name;
        person.Sex = row.Sex;
        person.BirthDate = row.BirthDate ?? person.BirthDate;
        person.Ethnicity = row.Ethnicity ?? person.Ethnicity;
        person.Education = row.Education ?? person.Education;
        person.PoliticalStatus = row.PoliticalStatus ?? person.PoliticalStatus;
        person.Phone = row.Phone ?? person.Phone;
        person.IdNumber = row.IdNumber;
    }

    private static void Apply(ValidRow row, OfficeTerm term)
    {
        if (row.TermId is null)
        {
            term.StartOn = row.StartOn;
            term.PlannedEndOn = row.StartOn.AddYears(OfficeTerm.TermYears);
        }

        term.IsFullTime = row.IsFullTime;
        term.InTwoCommittees = row.InTwoCommittees;
        term.IsPartySecretary = row.IsPartySecretary;
        term.IsVillageDirector = row.IsVillageDirector;
        term.MonthlyStipend = row.MonthlyStipend ?? term.MonthlyStipend;
        term.SecretaryMonthlyPay = row.SecretaryMonthlyPay ?? term.SecretaryMonthlyPay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster sheet of {Rows} rows validated with {Problems} problems: read in {ReadMs} ms, done in {TotalMs} ms")]
    private static partial void LogValidated(ILogger logger, int rows, int problems, long readMs, long totalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster import of {Rows} rows committed in chunks of {ChunkSize}: validated in {ValidatedMs} ms, saves {SavingMs} ms, done in {TotalMs} ms")]
    private static partial void LogCommitted(ILogger logger, int rows, int chunkSize, long validatedMs, long savingMs, long totalMs);
}
