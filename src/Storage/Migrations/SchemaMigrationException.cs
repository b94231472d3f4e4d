namespace AudioMusic.Storage.Migrations;

/// <summary>The database's schema history does not fit the scripts of this build, or a script failed; a failed script
/// is rolled back whole, and scripts applied before it stay applied.</summary>
public sealed class SchemaMigrationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
