using System.Diagnostics.CodeAnalysis;

namespace Classroom.Micro.Auth.Identity;

/// <summary>The wire names of <see cref="UserRole"/>, as they appear in tokens and in the gRPC contract.</summary>
internal static class UserRoles
{
    public const string Teacher = "teacher";
    public const string Student = "student";

    public static string ToName(UserRole role) => role == UserRole.Teacher ? Teacher : Student;

    public static bool TryParse([NotNullWhen(true)] string? name, out UserRole role)
    {
        switch (name)
        {
            case Teacher:
                role = UserRole.Teacher;
                return true;
            case Student:
                role = UserRole.Student;
                return true;
            default:
                role = UserRole.Student;
                return false;
        }
    }
}
