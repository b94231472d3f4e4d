using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace AudioMusic.Storage.Sqlite;

/// <summary>The library's only writer: one connection, one thread of work, and group commit. Writes queue up; the
/// writer takes every write waiting, runs each inside a savepoint of one transaction, commits once, and only then
/// answers each caller. Under load, thousands of small writes a second become a few dozen commits, and no write ever
/// waits on SQLite's lock. A write that throws is rolled back to its savepoint alone; its neighbours still commit.</summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>Writes per transaction at most, so one commit's latency stays bounded.</summary>
    private const int MaxBatch = 512;

    private readonly SqliteConnection _connection;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "the library is closed");
        }
        return pending.Result;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var write in batch)
            {
                transaction.Save("w");
                try
                {
                    write.Run(_connection, transaction);
                    transaction.Release("w");
                }
                // Any failure belongs to its caller, who gets it through the task; the writer itself carries on.
                catch (Exception ex)
                {
                    transaction.Rollback("w");
                    transaction.Release("w");
                    write.Fail(ex);
                }
            }
            transaction.Commit();
        }
        catch (Exception ex)
        {
            // The transaction itself failed (disk full, I/O error): nothing of the batch is stored.
            foreach (var write in batch)
            {
                write.Fail(ex);
            }
            return;
        }
        foreach (var write in batch)
        {
            write.Succeed();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private abstract class PendingWrite
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        /// <summary>Answers the caller once the batch is committed; a write that already failed stays failed.</summary>
        public abstract void Succeed();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> write) : PendingWrite
    {
        // Continuations run on the thread pool, never inline on the writer's thread.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;
        private bool _failed;

        public Task<T> Result => _result.Task;

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _value = write(connection, transaction);

        public override void Succeed()
        {
            if (!_failed)
            {
                _result.TrySetResult(_value!);
            }
        }

        public override void Fail(Exception error)
        {
            _failed = true;
            _result.TrySetException(error);
        }
    }
}
