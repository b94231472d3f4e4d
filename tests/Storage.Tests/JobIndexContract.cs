using AudioMusic.Domain;
using AudioMusic.Storage.Memory;
using AudioMusic.Storage.Postgres;
using Npgsql;

namespace AudioMusic.Storage.Tests;

/// <summary>Behaviour every <see cref="IJobIndex"/> must share; each store runs the same tests.</summary>
public abstract class JobIndexContract
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string?[] Owners = ["alice", "bob", null];
    private static readonly string[] Words = ["lo-fi beats", "Epic ORCHESTRA", "jazz trio", "rainy day piano", "synthwave drive"];

    /// <summary>An empty index.</summary>
    protected abstract Task<IJobIndex> CreateIndexAsync();

    /// <summary>A fixed, seeded mix of owners, statuses, tasks and texts, with several jobs created in the same second
    /// (so the job id must break ties) and ids whose ordinal and dictionary orders differ.</summary>
    private static List<JobIndexEntry> SeedEntries()
    {
        var random = new Random(20260301);
        var statuses = Enum.GetValues<JobStatus>();
        var tasks = Enum.GetValues<MusicTask>();
        var entries = new List<JobIndexEntry>();
        for (var i = 0; i < 61; i++)
        {
            var status = statuses[random.Next(statuses.Length)];
            var created = Epoch.AddSeconds(random.Next(0, 30));
            var text = Words[random.Next(Words.Length)] + (i % 9 == 0 ? " 100%_done" : "") + (i % 10 == 0 ? " 100 percent" : "");
            entries.Add(new JobIndexEntry(
                JobId: (i % 2 == 0 ? "Job-" : "job-") + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
                Owner: Owners[random.Next(Owners.Length)],
                Task: tasks[random.Next(tasks.Length)],
                Status: status,
                DisplayName: i % 4 == 0 ? null : $"Track {i}",
                SearchText: text,
                CreatedAt: created,
                UpdatedAt: created.AddSeconds(5),
                Attempt: random.Next(0, 3),
                LeaseExpiresAt: status == JobStatus.Processing ? Epoch.AddMinutes(random.Next(1, 20)) : null,
                // Completed jobs keep their audio, except a few whose audio retention already deleted.
                AudioStoredAt: status == JobStatus.Completed && i % 5 != 0 ? created.AddSeconds(5 + random.Next(0, 600)) : null));
        }
        return entries;
    }

    private static IEnumerable<JobIndexEntry> NewestFirst(IEnumerable<JobIndexEntry> entries) =>
        entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.JobId, StringComparer.Ordinal);

    private async Task<(IJobIndex Index, List<JobIndexEntry> Entries)> SeededAsync()
    {
        var index = await CreateIndexAsync();
        var entries = SeedEntries();
        foreach (var entry in entries)
        {
            await index.UpsertAsync(entry, CancellationToken.None);
        }
        return (index, entries);
    }

    private static async Task<List<JobIndexEntry>> ReadAllPagesAsync(IJobIndex index, JobQuery query)
    {
        var all = new List<JobIndexEntry>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await index.QueryAsync(query with { Cursor = cursor }, CancellationToken.None);
            Assert.True(page.Entries.Count <= query.Limit);
            all.AddRange(page.Entries);
            if (page.NextCursor is null)
            {
                return all;
            }
            Assert.Equal(query.Limit, page.Entries.Count);
            cursor = page.NextCursor;
        }
        throw new InvalidOperationException("Paging did not end.");
    }

    [SkippableFact]
    public async Task Pages_cover_every_entry_exactly_once_newest_first()
    {
        var (index, entries) = await SeededAsync();

        var all = await ReadAllPagesAsync(index, new JobQuery(null, null, null, null, null, 7));

        Assert.Equal(NewestFirst(entries), all);
    }

    public static TheoryData<string?, JobStatus?, MusicTask?, string?> Filters => new()
    {
        { "alice", null, null, null },
        { null, JobStatus.Pending, null, null },
        { null, null, MusicTask.Text2Rap, null },
        { null, null, null, "orchestra" },
        { null, null, null, "PIANO" },
        { "bob", JobStatus.Completed, null, "e" },
        { "nobody", null, null, null },
    };

    [SkippableTheory]
    [MemberData(nameof(Filters))]
    public async Task Filters_select_exactly_the_matching_entries_across_pages(string? owner, JobStatus? status, MusicTask? task, string? text)
    {
        var (index, entries) = await SeededAsync();

        var all = await ReadAllPagesAsync(index, new JobQuery(owner, status, task, text, null, 5));

        var expected = entries.Where(e => (owner is null || e.Owner == owner) && (status is null || e.Status == status)
            && (task is null || e.Task == task) && (text is null || e.SearchText.Contains(text, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(NewestFirst(expected), all);
    }

    [SkippableTheory]
    [InlineData("100%_done", 7)]
    [InlineData("%", 7)]
    [InlineData("_", 7)]
    [InlineData("100%", 7)]
    [InlineData("100 ", 7)]
    public async Task Text_search_treats_like_wildcards_literally(string text, int expectedCount)
    {
        var (index, entries) = await SeededAsync();

        var all = await ReadAllPagesAsync(index, new JobQuery(null, null, null, text, null, 50));

        Assert.Equal(expectedCount, all.Count);
        Assert.All(all, e => Assert.Contains(text, e.SearchText, StringComparison.Ordinal));
        Assert.Equal(entries.Count(e => e.SearchText.Contains(text, StringComparison.Ordinal)), all.Count);
    }

    [SkippableFact]
    public async Task An_unreadable_cursor_starts_from_the_first_page()
    {
        var (index, entries) = await SeededAsync();

        var page = await index.QueryAsync(new JobQuery(null, null, null, null, "not a cursor!", 3), CancellationToken.None);

        Assert.Equal(NewestFirst(entries).Take(3), page.Entries);
    }

    [SkippableFact]
    public async Task Counts_by_status_include_zero_and_follow_upserts_and_deletes()
    {
        var (index, entries) = await SeededAsync();
        var moved = entries.First(e => e.Status == JobStatus.Pending && e.Owner == "alice");
        await index.UpsertAsync(moved with { Status = JobStatus.Cancelled }, CancellationToken.None);
        var removed = entries.First(e => e.Status == JobStatus.Failed && e.JobId != moved.JobId);
        await index.DeleteAsync(removed.JobId, CancellationToken.None);
        var current = entries.Where(e => e.JobId != removed.JobId)
            .Select(e => e.JobId == moved.JobId ? e with { Status = JobStatus.Cancelled } : e).ToList();

        var all = await index.CountByStatusAsync(null, CancellationToken.None);
        var alice = await index.CountByStatusAsync("alice", CancellationToken.None);
        var nobody = await index.CountByStatusAsync("nobody", CancellationToken.None);

        foreach (var status in Enum.GetValues<JobStatus>())
        {
            Assert.Equal(current.Count(e => e.Status == status), all[status]);
            Assert.Equal(current.Count(e => e.Status == status && e.Owner == "alice"), alice[status]);
            Assert.Equal(0, nobody[status]);
        }
    }

    [SkippableFact]
    public async Task Pending_jobs_come_oldest_first_up_to_the_limit()
    {
        var (index, entries) = await SeededAsync();

        var pending = await index.PendingAsync(4, CancellationToken.None);

        var expected = entries.Where(e => e.Status == JobStatus.Pending)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.JobId, StringComparer.Ordinal).Take(4);
        Assert.Equal(expected, pending);
    }

    [SkippableFact]
    public async Task Expired_leases_are_processing_jobs_whose_lease_ended_before_now()
    {
        var (index, entries) = await SeededAsync();
        var now = Epoch.AddMinutes(10);

        var expired = await index.ExpiredLeasesAsync(now, 100, CancellationToken.None);

        var expected = entries.Where(e => e.Status == JobStatus.Processing && e.LeaseExpiresAt < now)
            .OrderBy(e => e.LeaseExpiresAt).ThenBy(e => e.JobId, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, expired);
    }

    [SkippableFact]
    public async Task A_lease_stops_counting_once_its_job_leaves_processing_or_is_deleted()
    {
        var (index, entries) = await SeededAsync();
        var now = Epoch.AddMinutes(10);
        var expired = await index.ExpiredLeasesAsync(now, 100, CancellationToken.None);
        Assert.True(expired.Count >= 2, "the seed must have two expired leases");

        await index.UpsertAsync(expired[0] with { Status = JobStatus.Completed, LeaseExpiresAt = null }, CancellationToken.None);
        await index.DeleteAsync(expired[1].JobId, CancellationToken.None);

        var after = await index.ExpiredLeasesAsync(now, 100, CancellationToken.None);
        Assert.Equal(expired.Skip(2), after);
    }

    [SkippableFact]
    public async Task Audio_stored_before_a_cutoff_comes_oldest_first_and_leaves_once_deleted()
    {
        var (index, entries) = await SeededAsync();
        var cutoff = Epoch.AddMinutes(6);

        var old = await index.AudioStoredBeforeAsync(cutoff, 100, CancellationToken.None);

        var expected = entries.Where(e => e.AudioStoredAt < cutoff)
            .OrderBy(e => e.AudioStoredAt).ThenBy(e => e.JobId, StringComparer.Ordinal).ToList();
        Assert.True(expected.Count >= 3, "the seed must have jobs with old audio");
        Assert.Equal(expected, old);
        Assert.Equal(expected.Take(2), await index.AudioStoredBeforeAsync(cutoff, 2, CancellationToken.None));

        await index.UpsertAsync(old[0] with { AudioStoredAt = null }, CancellationToken.None);
        Assert.Equal(expected.Skip(1), await index.AudioStoredBeforeAsync(cutoff, 100, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Upsert_replaces_every_field_of_an_existing_entry()
    {
        var index = await CreateIndexAsync();
        var original = SeedEntries()[0];
        var changed = original with
        {
            Owner = "carol", Task = MusicTask.Lyric2Vocals, Status = JobStatus.Processing, DisplayName = "Renamed",
            SearchText = "new words", UpdatedAt = original.UpdatedAt.AddMinutes(1), Attempt = 2,
            LeaseExpiresAt = Epoch.AddHours(1), AudioStoredAt = Epoch.AddHours(2),
        };

        await index.UpsertAsync(original, CancellationToken.None);
        await index.UpsertAsync(changed, CancellationToken.None);
        var page = await index.QueryAsync(new JobQuery(null, null, null, null, null, 10), CancellationToken.None);

        Assert.Equal([changed], page.Entries);
        Assert.Null(page.NextCursor);
    }
}

public sealed class MemoryJobIndexTests : JobIndexContract
{
    protected override Task<IJobIndex> CreateIndexAsync() => Task.FromResult<IJobIndex>(new MemoryJobIndex());
}

public sealed class SqliteJobIndexTests : JobIndexContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audiomusic-index-");
    private readonly List<Local.LocalLibrary> _libraries = [];

    protected override Task<IJobIndex> CreateIndexAsync()
    {
        // Each index gets a library of its own, so every test starts empty.
        var library = Local.LocalLibrary.Open(_directory.CreateSubdirectory(Guid.NewGuid().ToString("N")).FullName);
        _libraries.Add(library);
        return Task.FromResult<IJobIndex>(new Sqlite.SqliteJobIndex(library.Database));
    }

    [Fact]
    public async Task Text_search_ignores_case_beyond_ascii_and_matches_wildcards_literally()
    {
        var index = await CreateIndexAsync();
        var at = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        await index.UpsertAsync(new JobIndexEntry("a", null, MusicTask.Text2Music, JobStatus.Pending, null, "ÉTÉ à Paris", at, at, 0, null), CancellationToken.None);
        await index.UpsertAsync(new JobIndexEntry("b", null, MusicTask.Text2Music, JobStatus.Pending, null, "100%_done", at, at, 0, null), CancellationToken.None);
        await index.UpsertAsync(new JobIndexEntry("c", null, MusicTask.Text2Music, JobStatus.Pending, null, "100 xdone", at, at, 0, null), CancellationToken.None);

        async Task<string[]> Search(string text) =>
            (await index.QueryAsync(new JobQuery(null, null, null, text, null, 10), CancellationToken.None)).Entries.Select(e => e.JobId).ToArray();
        Assert.Equal(["a"], await Search("été"));
        Assert.Equal(["b"], await Search("%_"));
        Assert.Empty(await Search("0_x"));
    }

    public void Dispose()
    {
        foreach (var library in _libraries)
        {
            library.Dispose();
        }
        _directory.Delete(recursive: true);
    }
}

public sealed class PostgresJobIndexTests(MigratedPostgresDatabaseFixture database)
    : JobIndexContract, IClassFixture<MigratedPostgresDatabaseFixture>, IDisposable
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IJobIndex> CreateIndexAsync()
    {
        var connectionString = database.RequireDatabase();
        _dataSource ??= NpgsqlDataSource.Create(connectionString);
        // Tests of one class run one after another and share the class's database.
        await using (var truncate = _dataSource.CreateCommand("TRUNCATE audiomusic_jobs"))
        {
            await truncate.ExecuteNonQueryAsync();
        }
        return new PostgresJobIndex(_dataSource);
    }

    [SkippableFact]
    public async Task Listing_and_search_queries_can_use_the_indexes()
    {
        await CreateIndexAsync();
        // With planner shortcuts off, a query the indexes cannot serve would fall back to a sequential scan.
        await using var connection = await _dataSource!.OpenConnectionAsync();
        await using (var setup = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await setup.ExecuteNonQueryAsync();
        }
        string[] queries =
        [
            "SELECT * FROM audiomusic_jobs ORDER BY created_at DESC, job_id DESC LIMIT 10",
            "SELECT * FROM audiomusic_jobs WHERE owner = 'a' ORDER BY created_at DESC, job_id DESC LIMIT 10",
            "SELECT * FROM audiomusic_jobs WHERE status = 'Pending' ORDER BY created_at, job_id LIMIT 10",
            "SELECT * FROM audiomusic_jobs WHERE status = 'Processing' AND lease_expires_at < now()",
            "SELECT * FROM audiomusic_jobs WHERE search_text ILIKE '%orchestra%'",
        ];
        foreach (var query in queries)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + query, connection);
            var plan = string.Join('\n', await ReadLinesAsync(explain));
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }
    }

    private static async Task<List<string>> ReadLinesAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }

    public void Dispose() => _dataSource?.Dispose();
}
