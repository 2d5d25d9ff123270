using Google.Protobuf.Reflection;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// Which callers may call each method of a service. Every method of the service must be listed (a method added to
/// the contract without a decision fails the service at start); a method not listed, such as one of another
/// service, admits nobody.
/// </summary>
public sealed class InternalCallerPolicy
{
    private readonly Dictionary<string, HashSet<string>> _callersByMethod = new(StringComparer.Ordinal);

    /// <summary>
    /// The policy of <paramref name="service"/>: for each of its methods (by name), the identities
    /// (<see cref="InternalServices"/>) allowed to call it.
    /// </summary>
    public InternalCallerPolicy(ServiceDescriptor service, IReadOnlyDictionary<string, string[]> callersByMethod)
    {
        ArgumentNullException.ThrowIfNull(service);
        foreach (var method in service.Methods)
        {
            if (!callersByMethod.TryGetValue(method.Name, out var callers))
            {
                throw new ArgumentException($"The internal caller policy of {service.FullName} does not list {method.Name}.", nameof(callersByMethod));
            }

            _callersByMethod[$"/{service.FullName}/{method.Name}"] = [.. callers];
        }

        var unknown = callersByMethod.Keys.Where(name => service.FindMethodByName(name) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The internal caller policy of {service.FullName} lists methods it does not have: {string.Join(", ", unknown)}.", nameof(callersByMethod));
        }
    }

    /// <summary>Whether <paramref name="caller"/> may call <paramref name="method"/> (<c>/package.Service/Method</c>).</summary>
    public bool Allows(string method, string caller) =>
        _callersByMethod.TryGetValue(method, out var callers) && callers.Contains(caller);
}
