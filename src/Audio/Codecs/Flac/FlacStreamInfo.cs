namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>The fields of a FLAC STREAMINFO block that decoding needs.</summary>
internal sealed record FlacStreamInfo(int MinBlockSize, int MaxBlockSize, int SampleRate, int Channels, int BitsPerSample, long TotalFrames);
