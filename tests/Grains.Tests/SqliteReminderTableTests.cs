using AudioMusic.Grains.Hosting.Sqlite;
using AudioMusic.Storage.Local;
using AudioMusic.Storage.Sqlite;

namespace AudioMusic.Grains.Tests;

/// <summary>The one-box library's reminder table: rows by grain, by hash range (wrapping too), guarded removal, and
/// rows that outlive the process.</summary>
public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audiomusic-reminders-");
    private LocalLibrary _library;
    private SqliteReminderTable _table;

    public SqliteReminderTableTests()
    {
        _library = LocalLibrary.Open(_directory.FullName);
        _table = new SqliteReminderTable(new SqliteReminderRows(_library.Database));
    }

    private static ReminderEntry Entry(string grain, string name, int minutes) => new()
    {
        GrainId = GrainId.Create("delivery", grain),
        ReminderName = name,
        StartAt = new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(minutes),
    };

    [Fact]
    public async Task Rows_read_back_by_grain_and_by_name()
    {
        var etag = await _table.UpsertRow(Entry("a", "retry", 1));
        await _table.UpsertRow(Entry("a", "sweep", 2));
        await _table.UpsertRow(Entry("b", "retry", 3));

        var rows = await _table.ReadRows(GrainId.Create("delivery", "a"));
        Assert.Equal(["retry", "sweep"], rows.Reminders.Select(r => r.ReminderName).Order());
        var one = await _table.ReadRow(GrainId.Create("delivery", "a"), "retry");
        Assert.NotNull(one);
        Assert.Equal(etag, one.ETag);
        Assert.Equal(new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc), one.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(1), one.Period);
        Assert.Null(await _table.ReadRow(GrainId.Create("delivery", "a"), "other"));
    }

    [Fact]
    public async Task An_update_changes_the_etag_and_removal_needs_the_current_one()
    {
        var first = await _table.UpsertRow(Entry("a", "retry", 1));
        var second = await _table.UpsertRow(Entry("a", "retry", 5));
        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(5), (await _table.ReadRow(GrainId.Create("delivery", "a"), "retry"))!.Period);

        Assert.False(await _table.RemoveRow(GrainId.Create("delivery", "a"), "retry", first!));
        Assert.True(await _table.RemoveRow(GrainId.Create("delivery", "a"), "retry", second!));
        Assert.Empty((await _table.ReadRows(GrainId.Create("delivery", "a"))).Reminders);
    }

    [Fact]
    public async Task Hash_ranges_cover_the_ring_once_including_the_range_that_wraps()
    {
        var grains = Enumerable.Range(0, 40).Select(i => $"g{i}").ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(Entry(grain, "r", 1));
        }
        var hashes = grains.Select(g => GrainId.Create("delivery", g).GetUniformHashCode()).Order().ToList();
        var split = hashes[hashes.Count / 2];

        // (split, max] and (max, split] – the second wraps around zero – share nothing and miss nothing.
        var upper = (await _table.ReadRows(split, uint.MaxValue)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).ToList();
        var wrapped = (await _table.ReadRows(uint.MaxValue, split)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).ToList();
        Assert.All(upper, h => Assert.True(h > split));
        Assert.All(wrapped, h => Assert.True(h <= split));
        Assert.Equal(hashes, upper.Concat(wrapped).Order());
    }

    [Fact]
    public async Task Rows_outlive_the_process()
    {
        var etag = await _table.UpsertRow(Entry("kept", "retry", 1));
        _library.Dispose();
        _library = LocalLibrary.Open(_directory.FullName);
        _table = new SqliteReminderTable(new SqliteReminderRows(_library.Database));

        var row = await _table.ReadRow(GrainId.Create("delivery", "kept"), "retry");
        Assert.NotNull(row);
        Assert.Equal(etag, row.ETag);
    }

    public void Dispose()
    {
        _library.Dispose();
        _directory.Delete(recursive: true);
    }
}
