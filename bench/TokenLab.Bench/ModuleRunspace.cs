using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Microsoft.PowerShell;

namespace TokenLab.Bench;

/// <summary>A PowerShell runspace hosted in this process, reused for every command run in it.</summary>
internal sealed class ModuleRunspace : IDisposable
{
    private readonly Runspace _runspace;
    private readonly PowerShell _shell;

    private ModuleRunspace(Runspace runspace)
    {
        _runspace = runspace;
        _shell = PowerShell.Create(runspace);
    }

    /// <summary>
    /// Opens a runspace with the default commands, as pwsh has. Each pipeline runs on the calling
    /// thread, as a command in a script does, rather than being handed to a new thread per call.
    /// </summary>
    public static ModuleRunspace Open()
    {
        InitialSessionState state = InitialSessionState.CreateDefault();
        if (OperatingSystem.IsWindows())
        {
            state.ExecutionPolicy = ExecutionPolicy.Bypass; // a Windows host defaults to Restricted, which refuses the format file
        }

        Runspace runspace = RunspaceFactory.CreateRunspace(state);
        runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
        runspace.Open();
        return new ModuleRunspace(runspace);
    }

    public void ImportModule(string manifest) => Invoke("Import-Module", ("Name", manifest), ("ErrorAction", "Stop"));

    /// <summary>Runs one command; returns how many objects it wrote, and throws when it wrote an error.</summary>
    public int Invoke(string command, params (string Name, object Value)[] parameters) => InvokeWithInput(null, command, parameters);

    /// <summary>Runs one command with <paramref name="input"/> as its pipeline input (null: none).</summary>
    public int InvokeWithInput(IEnumerable? input, string command, params (string Name, object Value)[] parameters)
    {
        _shell.Commands.Clear();
        _shell.AddCommand(command);
        foreach ((string name, object value) in parameters)
        {
            _shell.AddParameter(name, value);
        }

        int written = (input is null ? _shell.Invoke() : _shell.Invoke(input)).Count;
        if (_shell.HadErrors)
        {
            string error = _shell.Streams.Error.FirstOrDefault()?.ToString() ?? "no error record";
            _shell.Streams.ClearStreams();
            throw new InvalidOperationException(command + " failed: " + error);
        }

        // Progress and verbose records would pile up in a shell reused for thousands of calls.
        _shell.Streams.ClearStreams();
        return written;
    }

    /// <summary>Runs one command as <see cref="InvokeWithInput"/> does and throws unless it wrote <paramref name="expected"/> objects.</summary>
    public void InvokeExpecting(int expected, IEnumerable? input, string command, params (string Name, object Value)[] parameters)
    {
        int written = InvokeWithInput(input, command, parameters);
        if (written != expected)
        {
            throw new InvalidOperationException($"{command} wrote {written} objects where {expected} were expected.");
        }
    }

    /// <summary>Runs a script; returns its output as one string, and throws when it wrote an error.</summary>
    public string InvokeScript(string script)
    {
        _shell.Commands.Clear();
        _shell.AddScript(script);
        string output = string.Join(Environment.NewLine, _shell.Invoke());
        if (_shell.HadErrors)
        {
            string error = _shell.Streams.Error.FirstOrDefault()?.ToString() ?? "no error record";
            _shell.Streams.ClearStreams();
            throw new InvalidOperationException("The script failed: " + error);
        }

        return output;
    }

    public void Dispose()
    {
        _shell.Dispose();
        _runspace.Dispose();
    }
}
