using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace AudioMusic.Api.Bench;

/// <summary>One keep-alive HTTP/1.1 connection that sends prepared requests and reads each response (status line,
/// headers, a Content-Length or chunked body) into a reused buffer. The load generator shares the host's two cores, so
/// it must cost as little as possible: HttpClient's per-request objects (message, headers, content stream) were counted
/// against the host before, as CPU and as garbage.</summary>
public sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _end;

    private RawHttpConnection(Socket socket) => _socket = socket;

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Host, server.Port);
        return new RawHttpConnection(socket);
    }

    /// <summary>A GET, with the API key as a Bearer token when there is one.</summary>
    public static byte[] Get(Uri server, string path, string? key = null) =>
        Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\n{Authorization(key)}\r\n");

    public static byte[] PostJson(Uri server, string path, string json, string? key = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\n{Authorization(key)}" +
                                           $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    private static string Authorization(string? key) => key is null ? "" : $"Authorization: Bearer {key}\r\n";

    /// <summary>Sends <paramref name="request"/> and returns the status code and the body; the body stays valid
    /// until the next call.</summary>
    public async Task<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(ReadOnlyMemory<byte> request)
    {
        await _socket.SendAsync(request);
        _end = 0;
        var headerLength = await ReadUntilAsync(HeaderEnd, 0) + HeaderEnd.Length;
        var head = _buffer.AsSpan(0, headerLength);
        if (!Utf8Parser.TryParse(head[9..12], out int status, out _))
        {
            throw new InvalidDataException("malformed status line");
        }
        var headers = Encoding.ASCII.GetString(head).ToLowerInvariant();
        if (headers.Contains("transfer-encoding: chunked", StringComparison.Ordinal))
        {
            return (status, await ReadChunkedAsync(headerLength));
        }
        var lengthAt = headers.IndexOf("content-length:", StringComparison.Ordinal);
        var length = lengthAt < 0 ? 0 : int.Parse(headers.AsSpan(lengthAt + 15, headers.IndexOf('\r', lengthAt) - lengthAt - 15).Trim());
        await FillAsync(headerLength + length);
        return (status, _buffer.AsMemory(headerLength, length));
    }

    /// <summary>Chunks are joined in place, each moved down over the size line before it.</summary>
    private async Task<ReadOnlyMemory<byte>> ReadChunkedAsync(int bodyStart)
    {
        var bodyEnd = bodyStart;
        var cursor = bodyStart;
        while (true)
        {
            var lineEnd = await ReadUntilAsync(LineEnd, cursor);
            if (!Utf8Parser.TryParse(_buffer.AsSpan(cursor, lineEnd - cursor), out int size, out _, 'x'))
            {
                throw new InvalidDataException("malformed chunk size");
            }
            var dataStart = lineEnd + LineEnd.Length;
            await FillAsync(dataStart + size + LineEnd.Length);
            if (size == 0)
            {
                return _buffer.AsMemory(bodyStart, bodyEnd - bodyStart);
            }
            Buffer.BlockCopy(_buffer, dataStart, _buffer, bodyEnd, size);
            bodyEnd += size;
            cursor = dataStart + size + LineEnd.Length;
        }
    }

    /// <summary>Reads until <paramref name="marker"/> appears at or after <paramref name="from"/>; returns its offset.</summary>
    private async Task<int> ReadUntilAsync(byte[] marker, int from)
    {
        while (true)
        {
            var found = _buffer.AsSpan(from, _end - from).IndexOf(marker);
            if (found >= 0)
            {
                return from + found;
            }
            await ReceiveAsync();
        }
    }

    private async Task FillAsync(int until)
    {
        while (_end < until)
        {
            await ReceiveAsync();
        }
    }

    private async Task ReceiveAsync()
    {
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end));
        if (received == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _end += received;
    }

    public void Dispose() => _socket.Dispose();
}
