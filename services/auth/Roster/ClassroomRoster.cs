using Classroom.Micro.Auth.Permissions;
using Classroom.Micro.Registry.V1;

namespace Classroom.Micro.Auth.Roster;

/// <summary>Who is in class right now, as the registry knows it: the users subscribed to a classroom's channel.</summary>
internal sealed class ClassroomRoster(RegistryService.RegistryServiceClient registry, TimeProvider time)
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether <paramref name="userId"/> has a connection subscribed to any of <paramref name="classroomIds"/>.</summary>
    public async Task<bool> AttendsAnyAsync(string userId, IReadOnlyList<string> classroomIds, CancellationToken cancellation)
    {
        var deadline = time.GetUtcNow().UtcDateTime + LookupTimeout;
        var lookups = classroomIds
            .Where(ClassroomId.IsValid)
            .Distinct(StringComparer.Ordinal)
            .Select(classroomId => registry.ListChannelSubscriptionsAsync(
                new ListChannelSubscriptionsRequest { Channel = ChannelNames.Classroom(classroomId) },
                deadline: deadline,
                cancellationToken: cancellation).ResponseAsync)
            .ToList();
        if (lookups.Count == 0)
        {
            return false;
        }

        var listings = await Task.WhenAll(lookups);
        return listings.Any(listing => listing.Subscriptions.Any(entry => string.Equals(entry.UserId, userId, StringComparison.Ordinal)));
    }
}
