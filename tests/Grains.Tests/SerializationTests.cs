using AudioMusic.Domain;
using Microsoft.Extensions.DependencyInjection;
using AudioMusic.Grains.Hosting;
using Npgsql;
using Orleans.Serialization;

namespace AudioMusic.Grains.Tests;

/// <summary>Every message that crosses silos survives Orleans serialization unchanged.</summary>
public sealed class SerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Requests_with_keys_meters_and_plans_round_trip()
    {
        var request = new GenerationRequest
        {
            Task = MusicTask.Text2Music,
            Caption = "jazz",
            Key = KeyScale.Parse("Bb major"),
            TimeSignature = TimeSignature.ThreeFour,
            SampleType = SampleType.Loop,
        };
        var copy = Serializer.Deserialize<GenerationRequest>(Serializer.SerializeToArray(request));
        Assert.Equal(request, copy);
        Assert.Equal("Bb", copy!.Key!.Value.TonicName);

        var plan = new SongPlan
        {
            Task = MusicTask.Text2Music, Caption = "c", Bpm = 90, Key = KeyScale.Parse("A minor"), TimeSignature = TimeSignature.SixEight,
            DurationSeconds = 30, VocalLanguage = "en", Notes = ["n"], Planner = "rules",
        };
        var planCopy = Serializer.Deserialize<SongPlan>(Serializer.SerializeToArray(plan));
        Assert.Equal(plan.Key, planCopy!.Key);
        Assert.Equal(plan.Notes, planCopy.Notes);
    }

    [Fact]
    public void A_database_error_inside_a_grain_call_reaches_the_caller_with_its_message()
    {
        var serializer = new ServiceCollection().AddSerializer().AllowDatabaseExceptionsInResponses()
            .BuildServiceProvider().GetRequiredService<Serializer>();
        var failure = new OrleansException("submit failed", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"));

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(failure));

        Assert.Contains("too many clients", copy!.InnerException!.Message);
    }
}
