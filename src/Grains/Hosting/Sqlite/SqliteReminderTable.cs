using AudioMusic.Storage.Sqlite;

namespace AudioMusic.Grains.Hosting.Sqlite;

/// <summary>Orleans' reminder table on the one-box library, so a reminder registered before a restart (a retry, a sweep)
/// fires after it without its grain having to be woken first.</summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private readonly SqliteReminderRows _rows;

    public SqliteReminderTable(SqliteReminderRows rows) => _rows = rows;

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(new ReminderTableData(_rows.ForGrain(grainId.ToString()).Select(ToEntry)));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(new ReminderTableData(_rows.InHashRange(begin, end).Select(ToEntry)));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(_rows.One(grainId.ToString(), reminderName) is { } row ? ToEntry(row) : null);

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return await _rows.UpsertAsync(new ReminderRow(
            entry.GrainId.ToString(),
            entry.ReminderName,
            entry.GrainId.GetUniformHashCode(),
            new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)),
            entry.Period,
            ETag: ""), CancellationToken.None).ConfigureAwait(false);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        _rows.RemoveAsync(grainId.ToString(), reminderName, eTag, CancellationToken.None);

    public Task TestOnlyClearTable() => _rows.ClearAsync(CancellationToken.None);

    private static ReminderEntry ToEntry(ReminderRow row) => new()
    {
        GrainId = GrainId.Parse(row.GrainId),
        ReminderName = row.ReminderName,
        StartAt = row.StartAt.UtcDateTime,
        Period = row.Period,
        ETag = row.ETag,
    };
}
