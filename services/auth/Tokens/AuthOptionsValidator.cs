using System.Text;
using Classroom.Micro.Auth.DevTokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>The cross-field rules of <see cref="AuthOptions"/> that data annotations cannot state, checked at start.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private const int MinSecretBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var hasSecret = !string.IsNullOrEmpty(options.Hs256Secret);
        var hasPublicKeys = options.PublicKeys.Count > 0 || !string.IsNullOrEmpty(options.JwksUrl);

        if (!hasSecret && !hasPublicKeys)
        {
            failures.Add("Auth: configure at least one key source (Hs256Secret, PublicKeys or JwksUrl).");
        }

        if (hasSecret && Encoding.UTF8.GetByteCount(options.Hs256Secret!) < MinSecretBytes)
        {
            failures.Add($"Auth:Hs256Secret must be at least {MinSecretBytes} bytes.");
        }

        for (var index = 0; index < options.PublicKeys.Count; index++)
        {
            try
            {
                PemPublicKey.Parse(options.PublicKeys[index]);
            }
            catch (ArgumentException)
            {
                failures.Add($"Auth:PublicKeys:{index} is not a PEM RSA or EC public key.");
            }
        }

        if (!string.IsNullOrEmpty(options.JwksUrl)
            && !(Uri.TryCreate(options.JwksUrl, UriKind.Absolute, out var jwks) && (jwks.Scheme == Uri.UriSchemeHttp || jwks.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add("Auth:JwksUrl must be an absolute http or https URL.");
        }

        failures.AddRange(AlgorithmFailures(options, hasSecret, hasPublicKeys));

        if (options.DevTokens.Enabled && !hasSecret)
        {
            failures.Add("Auth:DevTokens:Enabled needs Auth:Hs256Secret to sign the tokens it mints.");
        }

        if (options.DevTokens.Lifetime <= TimeSpan.Zero || options.DevTokens.Lifetime > DevTokenOptions.MaxLifetime)
        {
            failures.Add($"Auth:DevTokens:Lifetime must be positive and at most {DevTokenOptions.MaxLifetime}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> AlgorithmFailures(AuthOptions options, bool hasSecret, bool hasPublicKeys)
    {
        var accepted = AcceptedAlgorithms.For(options);
        foreach (var algorithm in accepted)
        {
            if (!AcceptedAlgorithms.Supported.Contains(algorithm))
            {
                yield return $"Auth:Algorithms: '{algorithm}' is not supported (use {string.Join(", ", AcceptedAlgorithms.Supported)}).";
            }
            else if (AcceptedAlgorithms.IsSymmetric(algorithm) && !hasSecret)
            {
                yield return $"Auth:Algorithms: {algorithm} needs Auth:Hs256Secret.";
            }
            else if (!AcceptedAlgorithms.IsSymmetric(algorithm) && !hasPublicKeys)
            {
                yield return $"Auth:Algorithms: {algorithm} needs Auth:PublicKeys or Auth:JwksUrl.";
            }
        }

        if (options.DevTokens.Enabled && !accepted.Contains(SecurityAlgorithms.HmacSha256))
        {
            yield return "Auth:DevTokens:Enabled mints HS256 tokens, so Auth:Algorithms must accept HS256.";
        }
    }
}
