namespace AudioMusic.Storage.Migrations;

/// <summary>What one migration run did: the scripts it applied now, how many were already in place, and the schema
/// version the database is at afterwards.</summary>
public sealed record MigrationReport(IReadOnlyList<MigrationScript> Applied, int AlreadyApplied, int SchemaVersion);
