using System.Diagnostics.Metrics;

namespace PostTrain.Cli.Bench;

/// <summary>
/// Sums the time this process's grains spent reading and writing one kind of grain state, from Orleans' own storage
/// latency histograms (meter <c>Microsoft.Orleans</c>, instruments <c>orleans-storage-read/write-latency</c>, ms).
/// </summary>
internal sealed class StorageTimer : IDisposable
{
    readonly MeterListener _listener = new();
    readonly string _stateName;
    double _readMs, _writeMs;
    long _reads, _writes;

    public StorageTimer(string stateName)
    {
        _stateName = stateName;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.Orleans" && instrument.Name is "orleans-storage-read-latency" or "orleans-storage-write-latency")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, ms, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key != "state_name" || tag.Value as string != _stateName) continue;
                lock (_listener)
                {
                    if (instrument.Name.Contains("read")) { _readMs += ms; _reads++; }
                    else { _writeMs += ms; _writes++; }
                }
            }
        });
        _listener.Start();
    }

    public (double ReadSeconds, long Reads, double WriteSeconds, long Writes) Totals()
    {
        lock (_listener) return (_readMs / 1000, _reads, _writeMs / 1000, _writes);
    }

    public void Dispose() => _listener.Dispose();
}
