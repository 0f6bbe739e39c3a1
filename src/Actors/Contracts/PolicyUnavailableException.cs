namespace PostTrain.Actors.Contracts;

/// <summary>A worker found no published policy: none was published yet, or the store lost it with its silo.</summary>
[GenerateSerializer]
public sealed class PolicyUnavailableException : Exception
{
    public PolicyUnavailableException() { }

    public PolicyUnavailableException(string message) : base(message) { }

    public PolicyUnavailableException(string message, Exception inner) : base(message, inner) { }
}
