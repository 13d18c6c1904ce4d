# Audio files for the transcription tests: PCM WAV (tone, silent stretches, an embedded text as the
# emulator's speech route writes it), MP3 frames, and files of a given size. Streams are written in
# blocks, so files of tens of megabytes take well under a second. Windows PowerShell 5.1 must be able
# to parse this file.
Set-StrictMode -Version 3.0

function New-TestWav {
    <#
    Writes a 16-bit PCM WAV of -Seconds seconds at -SampleRate with -Channels (the transcription tests
    use 16 kHz mono, the realtime tests 24 kHz mono, the format realtime sessions take): a tone, silent
    within each -Silence pair of seconds (from, to), with -Text as the ICMT item of a LIST/INFO chunk when
    given (as the emulator's speech route embeds its input). Returns the FileInfo.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $Path,
        [Parameter(Mandatory = $true)] [double] $Seconds,
        [int] $SampleRate = 16000,
        [int] $Channels = 1,
        [double[][]] $Silence = @(),
        [string] $Text
    )
    $blockAlign = 2 * $Channels
    $bytesPerSecond = $SampleRate * $blockAlign
    $dataLength = [long][math]::Round($Seconds * $SampleRate) * $blockAlign
    $list = New-Object byte[] 0
    if ($Text) { $list = New-InfoList -Text $Text }

    $tone = New-Object byte[] $bytesPerSecond
    for ($i = 0; $i -lt $SampleRate; $i++) {
        $sample = [int16](6000 * [math]::Sin($i / 5.0))
        for ($channel = 0; $channel -lt $Channels; $channel++) {
            $tone[$blockAlign * $i + 2 * $channel] = [byte]($sample -band 0xFF)
            $tone[$blockAlign * $i + 2 * $channel + 1] = [byte](($sample -shr 8) -band 0xFF)
        }
    }
    $quiet = New-Object byte[] $bytesPerSecond

    $file = [System.IO.File]::Create($Path)
    try {
        $writer = New-Object System.IO.BinaryWriter $file
        $writer.Write([System.Text.Encoding]::ASCII.GetBytes('RIFF'))
        $writer.Write([uint32](4 + 24 + $list.Length + 8 + $dataLength))
        $writer.Write([System.Text.Encoding]::ASCII.GetBytes('WAVEfmt '))
        $writer.Write([uint32]16); $writer.Write([uint16]1); $writer.Write([uint16]$Channels)
        $writer.Write([uint32]$SampleRate); $writer.Write([uint32]$bytesPerSecond)
        $writer.Write([uint16]$blockAlign); $writer.Write([uint16]16)
        $writer.Write($list)
        $writer.Write([System.Text.Encoding]::ASCII.GetBytes('data'))
        $writer.Write([uint32]$dataLength)
        $written = [long]0
        while ($written -lt $dataLength) {
            $count = [int][math]::Min($bytesPerSecond, $dataLength - $written)
            $second = $written / $bytesPerSecond
            $block = $tone
            foreach ($range in $Silence) {
                if ($second -ge [math]::Floor($range[0]) -and $second -lt $range[1]) { $block = Get-SilencedBlock -Tone $tone -Quiet $quiet -Second $second -Range $range -BytesPerSecond $bytesPerSecond }
            }
            $writer.Write($block, 0, $count)
            $written += $count
        }
        $writer.Flush()
    }
    finally { $file.Dispose() }
    Get-Item -LiteralPath $Path
}

function Get-SilencedBlock {
    # One second of tone, silent where it overlaps [from, to).
    param($Tone, $Quiet, [double] $Second, [double[]] $Range, [int] $BytesPerSecond)
    $block = $Tone.Clone()
    $from = [int][math]::Max(0, [math]::Round(($Range[0] - $Second) * $BytesPerSecond / 2) * 2)
    $to = [int][math]::Min($BytesPerSecond, [math]::Round(($Range[1] - $Second) * $BytesPerSecond / 2) * 2)
    if ($to -gt $from) { [array]::Copy($Quiet, $from, $block, $from, $to - $from) }
    , $block
}

function New-InfoList {
    # A RIFF LIST/INFO chunk holding -Text as ICMT (UTF-8, NUL-terminated, padded to an even length).
    param([string] $Text)
    $comment = [System.Text.Encoding]::UTF8.GetBytes($Text + [char]0)
    $padding = $comment.Length % 2
    $stream = New-Object System.IO.MemoryStream
    $writer = New-Object System.IO.BinaryWriter $stream
    $writer.Write([System.Text.Encoding]::ASCII.GetBytes('LIST'))
    $writer.Write([uint32](4 + 8 + $comment.Length + $padding))
    $writer.Write([System.Text.Encoding]::ASCII.GetBytes('INFOICMT'))
    $writer.Write([uint32]$comment.Length)
    $writer.Write($comment)
    if ($padding) { $writer.Write([byte]0) }
    $writer.Flush()
    , $stream.ToArray()
}

function New-TestMp3 {
    <#
    Writes -Frames MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, 417 bytes, 1152 samples each).
    Returns the FileInfo.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] [int] $Frames)
    $frame = New-Object byte[] 417
    $frame[0] = 0xFF; $frame[1] = 0xFB; $frame[2] = 0x90
    $blockFrames = 1000
    $block = New-Object byte[] (417 * $blockFrames)
    for ($i = 0; $i -lt $blockFrames; $i++) { [array]::Copy($frame, 0, $block, 417 * $i, 417) }
    $file = [System.IO.File]::Create($Path)
    try {
        for ($written = 0; $written -lt $Frames; $written += $blockFrames) {
            $file.Write($block, 0, 417 * [math]::Min($blockFrames, $Frames - $written))
        }
    }
    finally { $file.Dispose() }
    Get-Item -LiteralPath $Path
}

function Get-Mp3FrameSeconds {
    <# The playing time of -Frames frames of New-TestMp3, in seconds. #>
    param([Parameter(Mandatory = $true)] [long] $Frames)
    $Frames * 1152 / 44100.0
}

function New-SizedFile {
    <#
    A file of exactly -Bytes bytes at -Path, written sparsely: zeros after the first bytes of the format its
    extension names (.ogg, .flac), which the module checks before an upload. Returns the FileInfo.
    #>
    param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] [long] $Bytes)
    $signatures = @{ '.ogg' = 'OggS'; '.flac' = 'fLaC' }
    $file = [System.IO.File]::Create($Path)
    try {
        $signature = $signatures[[System.IO.Path]::GetExtension($Path).ToLowerInvariant()]
        if ($signature) { $file.Write([System.Text.Encoding]::ASCII.GetBytes($signature), 0, $signature.Length) }
        $file.SetLength($Bytes)
    }
    finally { $file.Dispose() }
    Get-Item -LiteralPath $Path
}

function New-TestRunspace {
    <# An open runspace that has the module under test, with progress records kept. #>
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $state.ImportPSModule([string[]]@($env:TOKENLAB_TEST_MODULE))
    $state.Variables.Add((New-Object System.Management.Automation.Runspaces.SessionStateVariableEntry 'ProgressPreference', 'Continue', ''))
    $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace($state)
    $runspace.Open()
    $runspace
}

function Invoke-InRunspace {
    <#
    Runs -ScriptBlock (with -Argument) in a fresh runspace that has the module under test (or in -Runspace, from
    New-TestRunspace, which the caller then disposes), and returns the run: its PowerShell instance (whose Streams
    hold Progress, Error and Verbose records: the progress stream cannot be redirected in a script) and its Output.
    With -NoWait it returns while the command runs.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [scriptblock] $ScriptBlock,
        [object[]] $Argument = @(),
        [System.Management.Automation.Runspaces.Runspace] $Runspace,
        [int] $TimeoutSec = 120,
        [switch] $NoWait
    )
    $owned = $null -eq $Runspace
    if ($owned) { $Runspace = New-TestRunspace }
    $shell = [powershell]::Create()
    $shell.Runspace = $Runspace
    $null = $shell.AddScript($ScriptBlock.ToString())
    foreach ($value in $Argument) { $null = $shell.AddArgument($value) }
    $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $inputData = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $inputData.Complete()
    $async = $shell.BeginInvoke($inputData, $output)
    $run = [pscustomobject]@{ Shell = $shell; Runspace = $Runspace; OwnsRunspace = $owned; Async = $async; Output = $output }
    if (-not $NoWait) { $null = Wait-InRunspace $run -TimeoutSec $TimeoutSec }
    $run
}

function Wait-InRunspace {
    <# Waits (bounded) for a run of Invoke-InRunspace -NoWait to end; returns whether it ended. #>
    param([Parameter(Mandatory = $true)] $Run, [int] $TimeoutSec = 120)
    $Run.Async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSec))
}

function Close-InRunspace {
    <# Stops the run if it still runs, collects its end (a stopped run ends in an exception), and frees it. #>
    param([Parameter(Mandatory = $true)] $Run)
    if (-not $Run.Async.IsCompleted) { $Run.Shell.Stop() }
    try { $null = $Run.Shell.EndInvoke($Run.Async) } catch { $null = $_ }
    $Run.Shell.Dispose()
    if ($Run.OwnsRunspace) { $Run.Runspace.Dispose() }
}

Export-ModuleMember -Function New-TestWav, New-TestMp3, Get-Mp3FrameSeconds, New-SizedFile, New-TestRunspace, Invoke-InRunspace, Wait-InRunspace, Close-InRunspace
