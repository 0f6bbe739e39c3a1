using Orleans.Concurrency;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Policy;
using PostTrain.Modeling.Vision;
using static TorchSharp.torch;

namespace PostTrain.Actors.Grains;

/// <summary>Encodes shards of frames with the job's published encoder, on the thread pool, off the grain scheduler.</summary>
[StatelessWorker]
public sealed class FrameEncoderGrain : Grain, IFrameEncoderGrain
{
    public Task<EncodedFrames> EncodeAsync(VideoFrames frames, long encoderVersion)
    {
        var encoder = VisionEncoderRegistry.Get(this.GetPrimaryKeyString(), encoderVersion);
        return Task.Run(() =>
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var pixels = FramePreprocessor.ToPixels(frames.ToClip(), encoder.Config, encoder.Placement.Device);
            VideoEncoderCounters.AddFrames(frames.Frames);
            var tokens = encoder.Encode(pixels).to(ScalarType.Float32).cpu();
            return new EncodedFrames { Tokens = (int)tokens.shape[0], Hidden = (int)tokens.shape[1], Values = tokens.data<float>().ToArray() };
        });
    }
}
