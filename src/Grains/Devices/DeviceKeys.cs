namespace AudioMusic.Grains.Devices;

/// <summary>Device grain keys: "{silo address}|{device id}". The silo part pins the grain to its silo.</summary>
public static class DeviceKeys
{
    public static string For(SiloAddress silo, string deviceId) => $"{silo.ToParsableString()}|{deviceId}";

    public static bool TryParse(string key, out SiloAddress? silo, out string deviceId)
    {
        silo = null;
        deviceId = "";
        var bar = key.LastIndexOf('|');
        if (bar <= 0 || bar == key.Length - 1)
        {
            return false;
        }
        try
        {
            silo = SiloAddress.FromParsableString(key[..bar]);
        }
        catch (FormatException)
        {
            return false;
        }
        deviceId = key[(bar + 1)..];
        return true;
    }
}
