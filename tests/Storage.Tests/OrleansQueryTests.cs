using System.Data;
using Npgsql;

namespace AudioMusic.Storage.Tests;

/// <summary>Runs the stored Orleans statements the way the ADO.NET providers do (named parameters typed by DbType)
/// to pin down the concurrency rules a silo smoke test never provokes: stale versions and duplicate rows must change
/// nothing and report failure.</summary>
public sealed class OrleansQueryTests(MigratedPostgresDatabaseFixture database) : IClassFixture<MigratedPostgresDatabaseFixture>
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task Membership_changes_need_the_current_version_and_bump_it_exactly_once()
    {
        var deployment = "cluster-" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await ScalarAsync<int>("InsertMembershipVersionKey", ("DeploymentId", DbType.String, deployment)));
        Assert.Equal(0, await ScalarAsync<int>("InsertMembershipVersionKey", ("DeploymentId", DbType.String, deployment)));

        Assert.Equal(1, await InsertSiloAsync(deployment, generation: 1, version: 0));
        Assert.Equal(0, await InsertSiloAsync(deployment, generation: 1, version: 1)); // same silo again
        Assert.Equal(0, await InsertSiloAsync(deployment, generation: 2, version: 0)); // stale version
        Assert.Equal(1, await VersionAsync(deployment));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{deployment}'"));

        Assert.Equal(0, await UpdateSiloAsync(deployment, status: 3, version: 0)); // stale version
        Assert.Equal(1, await VersionAsync(deployment));
        Assert.Equal(1, await UpdateSiloAsync(deployment, status: 3, version: 1));
        Assert.Equal(2, await VersionAsync(deployment));
        Assert.Equal(0, await UpdateSiloAsync(deployment, status: 6, version: 2, generation: 9)); // no such silo
        Assert.Equal(2, await VersionAsync(deployment));

        var gateways = await ReadAsync("GatewaysQueryKey",
            ("DeploymentId", DbType.String, deployment), ("Status", DbType.Int32, 3));
        Assert.Equal([("10.0.0.7", 30000, 1)], gateways.Select(r => ((string)r["Address"], (int)r["ProxyPort"], (int)r["Generation"])));

        await ExecuteAsync("DeleteMembershipTableEntriesKey", ("DeploymentId", DbType.String, deployment));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM orleans_membership_version WHERE deployment_id = '{deployment}'"));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{deployment}'"));
    }

    [SkippableFact]
    public async Task Grain_state_writes_succeed_only_from_the_current_version()
    {
        var grain = Guid.NewGuid().ToString("N");
        Assert.Equal(1, await WriteStateAsync(grain, version: null));
        Assert.Null(await WriteStateAsync(grain, version: null)); // a second first write loses
        Assert.Equal(2, await WriteStateAsync(grain, version: 1));
        Assert.Equal(1, await WriteStateAsync(grain, version: 1)); // stale: the caller's version comes back, which Orleans reports as a conflict

        var read = await ReadAsync("ReadFromStorageKey", StateKey(grain));
        Assert.Equal(2, (int)Assert.Single(read)["Version"]);
        Assert.Equal(new byte[] { 2 }, (byte[])read[0]["PayloadBinary"]);

        Assert.Empty(await ReadAsync("ClearStorageKey", [.. StateKey(grain), ("GrainStateVersion", DbType.Int32, 1)]));
        Assert.Equal(3, (int)Assert.Single(await ReadAsync("ClearStorageKey", [.. StateKey(grain), ("GrainStateVersion", DbType.Int32, 2)]))["NewGrainStateVersion"]);
        Assert.Equal(4, (int)Assert.Single(await ReadAsync("DeleteStorageKey", [.. StateKey(grain), ("GrainStateVersion", DbType.Int32, 3)]))["NewGrainStateVersion"]);
        Assert.Empty(await ReadAsync("ReadFromStorageKey", StateKey(grain)));
    }

    [SkippableFact]
    public async Task Reminders_are_versioned_and_read_by_hash_ranges_that_may_wrap()
    {
        var service = "service-" + Guid.NewGuid().ToString("N");
        (string, DbType, object?)[] Reminder(string grain, int hash) =>
        [
            ("ServiceId", DbType.String, service), ("GrainId", DbType.String, grain), ("ReminderName", DbType.String, "tick"),
            ("StartTime", DbType.DateTime, Now), ("Period", DbType.Int64, 60_000L), ("GrainHash", DbType.Int32, hash),
        ];
        Assert.Equal(0, await ScalarAsync<int>("UpsertReminderRowKey", Reminder("low", -1000)));
        Assert.Equal(1, await ScalarAsync<int>("UpsertReminderRowKey", Reminder("low", -1000)));
        Assert.Equal(0, await ScalarAsync<int>("UpsertReminderRowKey", Reminder("high", 2000)));

        async Task<string[]> RangeAsync(string key, int begin, int end) =>
            (await ReadAsync(key, ("ServiceId", DbType.String, service), ("BeginHash", DbType.Int32, begin), ("EndHash", DbType.Int32, end)))
            .Select(r => (string)r["GrainId"]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["high"], await RangeAsync("ReadRangeRows1Key", 0, 5000));
        Assert.Equal(["high", "low"], await RangeAsync("ReadRangeRows2Key", 1000, -500));
        Assert.Equal(["high"], await RangeAsync("ReadRangeRows2Key", 1000, -5000));

        (string, DbType, object?)[] Delete(int version) =>
        [
            ("ServiceId", DbType.String, service), ("GrainId", DbType.String, "low"), ("ReminderName", DbType.String, "tick"),
            ("Version", DbType.Int32, version),
        ];
        Assert.Equal(0, await ScalarAsync<int>("DeleteReminderRowKey", Delete(0)));
        Assert.Equal(1, await ScalarAsync<int>("DeleteReminderRowKey", Delete(1)));
        await ExecuteAsync("DeleteReminderRowsKey", ("ServiceId", DbType.String, service));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM orleans_reminders WHERE service_id = '{service}'"));
    }

    private Task<int> InsertSiloAsync(string deployment, int generation, int version) => ScalarAsync<int>("InsertMembershipKey",
        ("DeploymentId", DbType.String, deployment), ("Address", DbType.String, "10.0.0.7"), ("Port", DbType.Int32, 11111),
        ("Generation", DbType.Int32, generation), ("SiloName", DbType.String, "silo-a"), ("HostName", DbType.String, "host-a"),
        ("Status", DbType.Int32, 1), ("ProxyPort", DbType.Int32, 30000), ("StartTime", DbType.DateTime, Now),
        ("IAmAliveTime", DbType.DateTime, Now), ("Version", DbType.Int32, version));

    private Task<int> UpdateSiloAsync(string deployment, int status, int version, int generation = 1) => ScalarAsync<int>("UpdateMembershipKey",
        ("DeploymentId", DbType.String, deployment), ("Address", DbType.String, "10.0.0.7"), ("Port", DbType.Int32, 11111),
        ("Generation", DbType.Int32, generation), ("Status", DbType.Int32, status), ("SuspectTimes", DbType.String, null),
        ("IAmAliveTime", DbType.DateTime, Now.AddSeconds(30)), ("Version", DbType.Int32, version));

    private async Task<int> VersionAsync(string deployment) =>
        (int)await CountAsync($"SELECT version FROM orleans_membership_version WHERE deployment_id = '{deployment}'");

    private static (string, DbType, object?)[] StateKey(string grain) =>
    [
        ("GrainIdHash", DbType.Int32, 17), ("GrainIdN0", DbType.Int64, 1L), ("GrainIdN1", DbType.Int64, 2L),
        ("GrainTypeHash", DbType.Int32, 23), ("GrainTypeString", DbType.String, "smoke"),
        ("GrainIdExtensionString", DbType.String, grain), ("ServiceId", DbType.String, "service"),
    ];

    private async Task<int?> WriteStateAsync(string grain, int? version)
    {
        var rows = await ReadAsync("WriteToStorageKey",
            [.. StateKey(grain), ("GrainStateVersion", DbType.Int32, version), ("PayloadBinary", DbType.Binary, new[] { (byte)((version ?? 0) + 1) })]);
        var value = Assert.Single(rows)["NewGrainStateVersion"];
        return value is DBNull ? null : (int)value;
    }

    private async Task<T> ScalarAsync<T>(string queryKey, params (string Name, DbType Type, object? Value)[] parameters) =>
        (T)Assert.Single(Assert.Single(await ReadAsync(queryKey, parameters)).Values);

    private async Task ExecuteAsync(string queryKey, params (string Name, DbType Type, object? Value)[] parameters)
    {
        await using var command = await CommandAsync(queryKey, parameters);
        await command.ExecuteNonQueryAsync();
        await command.Connection!.DisposeAsync();
    }

    private async Task<List<Dictionary<string, object>>> ReadAsync(string queryKey, params (string Name, DbType Type, object? Value)[] parameters)
    {
        await using var command = await CommandAsync(queryKey, parameters);
        var rows = new List<Dictionary<string, object>>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue));
            }
        }
        await command.Connection!.DisposeAsync();
        return rows;
    }

    private async Task<NpgsqlCommand> CommandAsync(string queryKey, (string Name, DbType Type, object? Value)[] parameters)
    {
        var connection = new NpgsqlConnection(database.RequireDatabase());
        await connection.OpenAsync();
        await using var lookup = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1", connection);
        lookup.Parameters.AddWithValue(queryKey);
        var command = new NpgsqlCommand((string)(await lookup.ExecuteScalarAsync())!, connection);
        foreach (var (name, type, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        }
        return command;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.RequireDatabase());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
