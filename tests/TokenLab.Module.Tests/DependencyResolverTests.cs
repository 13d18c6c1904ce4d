using System.Reflection;
using TokenLab.PowerShell;

namespace TokenLab.Module.Tests;

/// <summary>
/// The Windows PowerShell 5.1 AssemblyResolve decision (requested name, version, requester), on a module
/// folder laid out for the test with real strong-named assemblies in Dependencies/. The handler runs only on
/// .NET Framework; the decision is the same code on every runtime.
/// </summary>
public sealed class DependencyResolverTests : IDisposable
{
    private readonly string module = Path.Combine(Path.GetTempPath(), "tokenlab-resolver-" + Guid.NewGuid().ToString("N"));
    private readonly AssemblyName shipped;
    private readonly DependencyResolver resolver;

    public DependencyResolverTests()
    {
        // xunit.abstractions stands in for System.Text.Json and the rest: strong-named, with a version of its own.
        string source = typeof(Xunit.Abstractions.ITest).Assembly.Location;
        Directory.CreateDirectory(Path.Combine(module, "Dependencies"));
        File.Copy(source, Path.Combine(module, "Dependencies", Path.GetFileName(source)));
        File.WriteAllText(Path.Combine(module, "Dependencies", "not-an-assembly.dll"), "native or damaged");
        shipped = AssemblyName.GetAssemblyName(source);
        resolver = new DependencyResolver(module);
    }

    private string Ours => Path.Combine(module, "TokenLab.Client.dll");

    private string ShippedPath => Path.Combine(module, "Dependencies", shipped.Name + ".dll");

    public void Dispose() => Directory.Delete(module, recursive: true);

    [Fact]
    public void TheShippedVersionOrAnOlderOneIsAnsweredForTheModulesOwnAssemblies()
    {
        Assert.Equal(ShippedPath, resolver.Resolve(Requested(shipped.Version!), Ours));
        Assert.Equal(ShippedPath, resolver.Resolve(Requested(new Version(1, 0, 0, 0)), Ours));
        Assert.Equal(ShippedPath, resolver.Resolve(Requested(shipped.Version!), Path.Combine(module, "TokenLab.dll")));
        Assert.Equal(ShippedPath, resolver.Resolve(Requested(shipped.Version!), Path.Combine(module, "Dependencies", "System.Text.Json.dll")));
        Assert.Equal(ShippedPath, resolver.Resolve(new AssemblyName(shipped.Name!), Ours));
    }

    [Fact]
    public void ANewerVersionThanTheShippedOneIsLeftAloneEvenForTheModule()
    {
        var newer = new Version(shipped.Version!.Major, shipped.Version.Minor, shipped.Version.Build, shipped.Version.Revision + 1);

        Assert.Null(resolver.Resolve(Requested(newer), Ours));
        Assert.Null(resolver.Resolve(Requested(new Version(shipped.Version.Major + 1, 0, 0, 0)), Ours));
    }

    [Fact]
    public void RequestsFromOtherAssembliesOrFromNobodyKnownAreLeftAlone()
    {
        string otherModule = Path.Combine(Path.GetTempPath(), "Az.Accounts", "Az.Accounts.dll");

        Assert.Null(resolver.Resolve(Requested(shipped.Version!), otherModule));
        Assert.Null(resolver.Resolve(Requested(new Version(1, 0, 0, 0)), otherModule));
        Assert.Null(resolver.Resolve(Requested(shipped.Version!), Path.Combine(module, "Dependencies", "Nested", "X.dll")));
        Assert.Null(resolver.Resolve(Requested(shipped.Version!), null));
        Assert.Null(resolver.Resolve(Requested(shipped.Version!), string.Empty));
    }

    [Fact]
    public void NamesNotShippedOrWithAnotherPublicKeyAreLeftAlone()
    {
        Assert.Null(resolver.Resolve(new AssemblyName("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"), Ours));
        Assert.Null(resolver.Resolve(new AssemblyName("not-an-assembly"), Ours));

        var forged = Requested(shipped.Version!);
        forged.SetPublicKeyToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        Assert.Null(resolver.Resolve(forged, Ours));
    }

    [Fact]
    public void AFileAddedToDependenciesIsServedWithoutAnyListToUpdate()
    {
        string source = typeof(Xunit.Assert).Assembly.Location;
        File.Copy(source, Path.Combine(module, "Dependencies", Path.GetFileName(source)));
        AssemblyName added = AssemblyName.GetAssemblyName(source);

        Assert.Equal(Path.Combine(module, "Dependencies", Path.GetFileName(source)), new DependencyResolver(module).Resolve(added, Ours));
    }

    private AssemblyName Requested(Version version)
    {
        var name = new AssemblyName(shipped.Name!) { Version = version, CultureName = string.Empty };
        name.SetPublicKeyToken(shipped.GetPublicKeyToken());
        return name;
    }
}
