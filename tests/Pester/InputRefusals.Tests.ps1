# Inputs refused before any request, each with its TokenLab.* error ID, never a raw .NET exception or
# TokenLab.ApiError: special files (a named pipe, a device) that would hang or never end, empty, short and
# text files with audio extensions, unreadable streams, control characters in file names, a WAV header with
# no rate under -Split, an empty -ApiKey, a blank -Model and an invalid wildcard.
# Windows PowerShell 5.1 must be able to parse this file.
BeforeDiscovery {
    # Named pipes, /dev/zero and line breaks in file names exist only on Unix.
    $script:OnUnix = [System.IO.Path]::DirectorySeparatorChar -eq '/'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AudioTestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $Api = @{ BaseUri = $Test.BaseUri; ApiKey = $Test.ApiKey }

    function New-TestFolder {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $path
        $path
    }

    function Get-ErrorId($Record) { $Record.FullyQualifiedErrorId -replace ',.*' }

    # Every request the emulator saw (the catalog included): none may be made for a refused input.
    function Get-AnyRequest { @(Get-EmulatorRequest | Where-Object { $_.path -notlike '/_emulator/*' }) }
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'Special files' {
    BeforeEach { Reset-Emulator }

    It 'refuses a named pipe called x.wav as TokenLab.InvalidAudio without opening it (<Command>)' -Skip:(-not $OnUnix) -ForEach @(
        @{ Command = 'ConvertFrom-TokenLabAudio'; Link = $false; Script = 'param($Path, $BaseUri, $ApiKey) ConvertFrom-TokenLabAudio -Path $Path -BaseUri $BaseUri -ApiKey $ApiKey' }
        @{ Command = 'ConvertFrom-TokenLabAudio, through a symbolic link'; Link = $true; Script = 'param($Path, $BaseUri, $ApiKey) ConvertFrom-TokenLabAudio -Path $Path -BaseUri $BaseUri -ApiKey $ApiKey' }
        @{ Command = 'Start-TokenLabRealtime'; Link = $false; Script = 'param($Path, $BaseUri, $ApiKey) Start-TokenLabRealtime -Model gpt-realtime -InputFile $Path -BaseUri $BaseUri -ApiKey $ApiKey' }
    ) {
        $folder = New-TestFolder
        $fifo = Join-Path $folder 'x.wav'
        & mkfifo $fifo
        $given = $fifo
        if ($Link) {
            $given = Join-Path $folder 'linked.wav'
            $null = New-Item -ItemType SymbolicLink -Path $given -Target $fifo
        }
        $run = Invoke-InRunspace -ScriptBlock ([scriptblock]::Create($Script)) -Argument $given, $Test.BaseUri, $Test.ApiKey -NoWait
        try {
            $ended = Wait-InRunspace $run -TimeoutSec 60
            if (-not $ended) {
                # A reader is stuck in open(), where Stop() cannot reach it: opening the writing end lets it go,
                # and with the pipe gone every later open fails, so the run ends and the suite goes on.
                $writer = [System.IO.File]::OpenWrite($fifo)
                Remove-Item -LiteralPath $given, $fifo -Force -ErrorAction SilentlyContinue
                $writer.Dispose()
                $null = Wait-InRunspace $run -TimeoutSec 60
            }
            $errors = @($run.Shell.Streams.Error)
        }
        finally {
            $run.Shell.Dispose()
            $run.Runspace.Dispose()
        }

        $ended | Should -BeTrue -Because 'the pipe is refused before anything opens it'
        @($errors | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.InvalidAudio')
        $errors[0].Exception.Message | Should -BeLike '*not a regular file*'
        @(Get-EmulatorRequest -Path '/v1/audio/*').Count | Should -Be 0
    }

    It 'refuses /dev/zero linked as zero.wav clearly, reading its real size, and uploads nothing' -Skip:(-not $OnUnix) {
        $link = Join-Path (New-TestFolder) 'zero.wav'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target '/dev/zero'

        ConvertFrom-TokenLabAudio -Path $link @Api -ErrorVariable failed -ErrorAction SilentlyContinue

        @($failed | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.InvalidAudio')
        $failed[0].Exception.Message | Should -BeLike '*holds no audio*'
        Get-AnyRequest | Should -HaveCount 0
    }
}

Describe 'Files that are not the audio their extension says' {
    BeforeAll {
        $Folder = New-TestFolder
        $Empty = Join-Path $Folder 'empty.wav'
        [System.IO.File]::WriteAllBytes($Empty, [byte[]]@())
        $Text = Join-Path $Folder 'notes.mp3'
        [System.IO.File]::WriteAllText($Text, 'These are meeting notes, not a recording.')
        $Short = Join-Path $Folder 'short.wav'
        [System.IO.File]::WriteAllBytes($Short, [byte[]](0x52, 0x49, 0x46, 0x46))
        $Renamed = Join-Path $Folder 'picture.flac'
        [System.IO.File]::WriteAllBytes($Renamed, [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52))
        $Good = New-TestWav -Path (Join-Path $Folder 'good.wav') -Seconds 1 -Text 'Good.'
    }

    BeforeEach { Reset-Emulator }

    It 'refuses <Name> as TokenLab.InvalidAudio, saying why, and sends the good file only' -ForEach @(
        @{ Name = 'an empty file'; File = 'empty.wav'; Reason = '*empty*' }
        @{ Name = 'a text file named .mp3'; File = 'notes.mp3'; Reason = '*not those of MP3 audio (it looks like text)*' }
        @{ Name = 'a file too short for audio'; File = 'short.wav'; Reason = '*only 4 bytes*' }
        @{ Name = 'a PNG named .flac'; File = 'picture.flac'; Reason = '*not those of FLAC audio.' }
    ) {
        $results = @(ConvertFrom-TokenLabAudio -Path (Join-Path $Folder $File), $Good.FullName @Api -ErrorVariable failed -ErrorAction SilentlyContinue)

        @($failed | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.InvalidAudio')
        $failed[0].Exception.Message | Should -BeLike $Reason
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidData'
        @($results | ForEach-Object { $_.Text }) | Should -Be @('Good.')
        @(Get-EmulatorRequest -Path '/v1/audio/*').Count | Should -Be 1
    }

    It 'refuses text in -AudioBytes and in a stream named .wav' {
        $bytes = [System.Text.Encoding]::UTF8.GetBytes('Not audio, only a sentence of text.')
        $stream = New-Object System.IO.MemoryStream (, $bytes)

        ConvertFrom-TokenLabAudio -AudioBytes $bytes -FileName 'call.wav' @Api -ErrorVariable +failed -ErrorAction SilentlyContinue
        ConvertFrom-TokenLabAudio -InputStream $stream -FileName 'call.wav' @Api -ErrorVariable +failed -ErrorAction SilentlyContinue

        @($failed | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.InvalidAudio', 'TokenLab.InvalidAudio')
        Get-AnyRequest | Should -HaveCount 0
    }

    It 'refuses a WAV header with no sample rate under -Split as TokenLab.InvalidAudio' {
        $path = Join-Path (New-TestFolder) 'no-rate.wav'
        $data = 26 * 1024 * 1024
        $header = New-Object byte[] 44
        [System.Text.Encoding]::ASCII.GetBytes('RIFF').CopyTo($header, 0)
        [BitConverter]::GetBytes([uint32]($data + 36)).CopyTo($header, 4)
        [System.Text.Encoding]::ASCII.GetBytes('WAVEfmt ').CopyTo($header, 8)
        [BitConverter]::GetBytes([uint32]16).CopyTo($header, 16)
        [BitConverter]::GetBytes([uint16]1).CopyTo($header, 20)    # PCM
        [BitConverter]::GetBytes([uint16]1).CopyTo($header, 22)    # mono; sample rate and byte rate stay 0
        [BitConverter]::GetBytes([uint16]2).CopyTo($header, 32)
        [BitConverter]::GetBytes([uint16]16).CopyTo($header, 34)
        [System.Text.Encoding]::ASCII.GetBytes('data').CopyTo($header, 36)
        [BitConverter]::GetBytes([uint32]$data).CopyTo($header, 40)
        $file = [System.IO.File]::Create($path)
        try { $file.Write($header, 0, $header.Length); $file.SetLength(44 + $data) } finally { $file.Dispose() }

        ConvertFrom-TokenLabAudio -Path $path -Split @Api -ErrorVariable failed -ErrorAction SilentlyContinue

        @($failed | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.InvalidAudio')
        @(Get-EmulatorRequest -Path '/v1/audio/*').Count | Should -Be 0
    }
}

Describe 'Streams and file names' {
    BeforeEach { Reset-Emulator }

    It 'refuses a <Name> -InputStream as TokenLab.AudioFileUnreadable' -ForEach @(
        @{ Name = 'closed'; Open = { $s = New-Object System.IO.MemoryStream (, [byte[]](1, 2, 3)); $s.Dispose(); $s } }
        @{ Name = 'write-only'; Open = { [System.IO.File]::Open((Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.wav')), 'CreateNew', 'Write') } }
    ) {
        $stream = & $Open
        try {
            ConvertFrom-TokenLabAudio -InputStream $stream -FileName 'call.wav' @Api -ErrorVariable failed -ErrorAction SilentlyContinue
        }
        finally {
            $stream.Dispose()
        }

        @($failed | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.AudioFileUnreadable')
        $failed[0].Exception.Message | Should -BeLike '*closed, or open only for writing*'
        Get-AnyRequest | Should -HaveCount 0
    }

    It 'refuses a line break in -FileName as TokenLab.InvalidArgument' {
        $wav = New-TestWav -Path (Join-Path (New-TestFolder) 'fine.wav') -Seconds 1
        $bytes = [System.IO.File]::ReadAllBytes($wav.FullName)

        ConvertFrom-TokenLabAudio -AudioBytes $bytes -FileName "two`nlines.wav" @Api -ErrorVariable failed -ErrorAction SilentlyContinue

        @($failed | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.InvalidArgument')
        $failed[0].Exception.Message | Should -BeLike '*two\nlines.wav*control character*'
        Get-AnyRequest | Should -HaveCount 0
    }

    It 'refuses a recording on disk whose name holds a line break as TokenLab.InvalidArgument' -Skip:(-not $OnUnix) {
        $wav = New-TestWav -Path (Join-Path (New-TestFolder) "take`none.wav") -Seconds 1

        ConvertFrom-TokenLabAudio -LiteralPath $wav.FullName @Api -ErrorVariable failed -ErrorAction SilentlyContinue

        @($failed | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.InvalidArgument')
        Get-AnyRequest | Should -HaveCount 0
    }
}

Describe 'Keys, models and patterns' {
    BeforeEach {
        Reset-Emulator
        Disconnect-TokenLab
    }

    It 'refuses an empty -ApiKey as TokenLab.ApiKeyMissing (<Command>)' -ForEach @(
        @{ Command = 'Get-TokenLabModel'; Run = { Get-TokenLabModel -Id tts-1 -BaseUri $Test.BaseUri -ApiKey '' } }
        @{ Command = 'New-TokenLabSpeech'; Run = { New-TokenLabSpeech 'Hello' -OutDirectory $TestDrive -BaseUri $Test.BaseUri -ApiKey '' } }
        @{ Command = 'Connect-TokenLab'; Run = { Connect-TokenLab -BaseUri $Test.BaseUri -ApiKey '' } }
    ) {
        $caught = $null
        try { & $Run } catch { $caught = $_ }

        Get-ErrorId $caught | Should -Be 'TokenLab.ApiKeyMissing'
        $caught.Exception.Message | Should -BeLike '*empty*'
        Get-AnyRequest | Should -HaveCount 0
    }

    It 'refuses a blank -Model as TokenLab.InvalidArgument (<Command>)' -ForEach @(
        @{ Command = 'New-TokenLabSpeech'; Run = { New-TokenLabSpeech 'Hello' -Model ' ' -OutDirectory $TestDrive @Api -ErrorAction Stop } }
        @{ Command = 'ConvertFrom-TokenLabAudio'; Run = { ConvertFrom-TokenLabAudio -Path (New-TestWav -Path (Join-Path $TestDrive 'model.wav') -Seconds 1).FullName -Model ' ' @Api -ErrorAction Stop } }
        @{ Command = 'Start-TokenLabRealtime'; Run = { Start-TokenLabRealtime -Model ' ' -Text 'Hello' @Api -ErrorAction Stop } }
    ) {
        $caught = $null
        try { & $Run } catch { $caught = $_ }

        Get-ErrorId $caught | Should -Be 'TokenLab.InvalidArgument'
        $caught.Exception.Message | Should -Be '-Model is blank.'
        Get-AnyRequest | Should -HaveCount 0
    }

    It 'refuses an invalid wildcard in Get-TokenLabModel as TokenLab.InvalidArgument, before the list is asked for' {
        Get-TokenLabModel 'tts-[' @Api -ErrorVariable failed -ErrorAction SilentlyContinue

        @($failed | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('TokenLab.InvalidArgument')
        $failed[0].ErrorDetails.RecommendedAction | Should -BeLike '*backtick*'
        Get-AnyRequest | Should -HaveCount 0
    }
}
