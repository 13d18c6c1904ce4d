# The README's Gallery: every PowerShell block under "## Gallery" runs end to end against the test
# emulator, each in a runspace of its own (DocExampleSupport.psm1, as the help examples run) and from a
# fresh folder that holds the files the pipelines read: recordings in dated folders, prompts.csv and
# announcements.txt. The emulator and its key reach the pipelines the way they reach a user's script,
# through TOKENLAB_BASE_URL and TOKENLAB_API_KEY (or a vault), so the README shows neither. A block
# added to the Gallery is run the same way; the pipelines known here by title are also checked for
# what they promise (files written and valid, reruns that send nothing, the key read from the vault).
# "README, every block in order" then runs every powershell block of the README, top to bottom, in one
# session from an empty folder (blocks marked "<!-- not run: reason -->" aside, which must stay rare).
# Windows PowerShell 5.1 must be able to parse this file.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'DocExampleSupport.psm1') -Force
    $Readme = Join-Path (Get-TestRepoRoot) 'README.md'
    $GalleryCases = @(Get-MarkdownExample -Path $Readme -Section 'Gallery' | ForEach-Object { @{ Title = $_.Title; Code = $_.Code } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AudioTestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'DocExampleSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $Readme = Join-Path (Get-TestRepoRoot) 'README.md'
    $FakeSecretManagement = Join-Path $PSScriptRoot 'Fakes/Microsoft.PowerShell.SecretManagement/Microsoft.PowerShell.SecretManagement.psd1'
    $EmulatorEnvironment = @{ TOKENLAB_BASE_URL = $Test.BaseUri; TOKENLAB_API_KEY = $Test.ApiKey }

    # The inputs every pipeline finds in its folder. The recordings hold their text the way the emulator's
    # speech does, so the emulator transcribes them back to it.
    $Recordings = [ordered]@{
        'recordings/2024-05-01/standup.wav' = 'Good morning, everyone. The backup finished overnight.'
        'recordings/2024-05-01/review.wav'  = 'Two alerts were closed. One is still open.'
        'recordings/2024-05-02/standup.wav' = 'The release ships on Friday.'
    }
    $Prompts = @(
        [pscustomobject][ordered]@{ Text = 'Welcome to the service desk.'; Voice = 'nova' }
        [pscustomobject][ordered]@{ Text = 'Please hold the line.'; Voice = 'onyx' }
        [pscustomobject][ordered]@{ Text = 'All our agents are busy.'; Voice = 'coral' }
    )
    $Announcements = @('Doors open at nine.', 'The keynote starts at ten.')

    function New-GalleryFolder {
        # A fresh working folder with the inputs above; returns its full path.
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        foreach ($relative in $Recordings.Keys) {
            $path = Join-Path $folder $relative
            $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $path)
            $null = New-TestWav -Path $path -Seconds 2 -Text $Recordings[$relative]
        }
        $Prompts | Export-Csv -LiteralPath (Join-Path $folder 'prompts.csv') -NoTypeInformation -Encoding UTF8
        Set-Content -LiteralPath (Join-Path $folder 'announcements.txt') -Value $Announcements -Encoding UTF8
        $folder
    }

    function ConvertFrom-SrtFile {
        # The cues of a SubRip file (Index, Start, End, Text); throws where the file is not SubRip.
        param([string] $Path)
        $text = ([System.IO.File]::ReadAllText($Path) -replace "`r`n", "`n").Trim()
        $cues = @()
        foreach ($block in ($text -split "`n`n+")) {
            $lines = @($block -split "`n")
            $timing = '^(\d{2}:\d{2}:\d{2},\d{3}) --> (\d{2}:\d{2}:\d{2},\d{3})$'
            if ($lines.Count -lt 3 -or $lines[0] -notmatch '^\d+$' -or $lines[1] -notmatch $timing) {
                throw "Not a SubRip cue in ${Path}: '$block'"
            }
            $cues += [pscustomobject]@{
                Index = [int]$lines[0]
                Start = [TimeSpan]::ParseExact($Matches[1], "hh\:mm\:ss\,fff", [cultureinfo]::InvariantCulture)
                End   = [TimeSpan]::ParseExact($Matches[2], "hh\:mm\:ss\,fff", [cultureinfo]::InvariantCulture)
                Text  = ($lines[2..($lines.Count - 1)] -join ' ')
            }
        }
        $cues
    }

    function Assert-ValidWav {
        # A complete 16-bit PCM WAV file: sizes that match the file, and audio in it.
        param([string] $Path, [int] $SampleRate)
        $wav = Read-TestWav -Path $Path
        $wav.Riff | Should -Be 'RIFF'
        $wav.RiffSize | Should -Be ($wav.Length - 8)
        $wav.Format | Should -Be 1
        $wav.BitsPerSample | Should -Be 16
        if ($SampleRate) { $wav.SampleRate | Should -Be $SampleRate }
        $wav.DataSize | Should -BeGreaterThan 0
        ($wav.DataOffset + $wav.DataSize) | Should -Be $wav.Length
    }

    function Get-AudioRequest {
        # The speech, transcription and translation requests of a run.
        param($Run)
        @($Run.Requests | Where-Object { $_.path -like '/v1/audio/*' })
    }

    # What the pipelines of the Gallery promise, by title. Runs: how many times the block runs in its
    # folder (2 for a pipeline that says it is safe to run again: its second run must send no audio
    # request). Environment: what the test sets instead of the emulator and its key. Setup: runs first
    # in the pipeline's runspace, with SetupArgument. Assert: gets the folder and the runs.
    $Pipelines = @{
        'Subtitles beside every recording in a folder tree' = @{
            Runs   = 2
            Assert = {
                param($Folder, $Runs)
                @(Get-AudioRequest $Runs[0]).Count | Should -Be $Recordings.Count
                foreach ($relative in $Recordings.Keys) {
                    $subtitles = [System.IO.Path]::ChangeExtension((Join-Path $Folder $relative), '.srt')
                    $subtitles | Should -Exist
                    $cues = @(ConvertFrom-SrtFile $subtitles)
                    $cues.Count | Should -BeGreaterThan 0
                    for ($i = 0; $i -lt $cues.Count; $i++) {
                        $cues[$i].Index | Should -Be ($i + 1)
                        $cues[$i].End | Should -BeGreaterThan $cues[$i].Start
                    }
                    ($cues.Text -join ' ') | Should -Be $Recordings[$relative]
                }
                @($Runs[1].Items | Where-Object { $_.Skipped }).Count | Should -Be $Recordings.Count
            }
        }
        'Voice prompts from a CSV file, each generated once' = @{
            Runs   = 2
            Assert = {
                param($Folder, $Runs)
                $speech = @(Get-AudioRequest $Runs[0])
                $speech.Count | Should -Be $Prompts.Count
                @($speech | ForEach-Object { (ConvertFrom-Json -InputObject $_.body).voice } | Sort-Object) -join ',' | Should -Be (@($Prompts.Voice | Sort-Object) -join ',')
                $files = @(Get-ChildItem -LiteralPath (Join-Path $Folder 'prompts') -File)
                $files.Count | Should -Be $Prompts.Count
                foreach ($file in $files) { Assert-ValidWav -Path $file.FullName }
                $Runs[0].Text | Should -Match ('{0} prompts ready, {0} generated by this run' -f $Prompts.Count)
                $Runs[1].Text | Should -Match ('{0} prompts ready, 0 generated by this run' -f $Prompts.Count)
            }
        }
        'An unattended runbook with its key in a vault' = @{
            Runs          = 2
            # No key in the environment: the runbook must read it from the vault, and without a prompt
            # (one would fail in the pipeline's runspace, which has no interactive host).
            Environment   = @{ TOKENLAB_BASE_URL = $Test.BaseUri }
            Setup         = {
                param($FakeModule, $Key)
                Import-Module $FakeModule -ErrorAction Stop
                Register-SecretVault -Name Automation -ModuleName Microsoft.PowerShell.SecretStore -ErrorAction Stop
                Set-Secret -Name TokenLabApiKey -Secret $Key -Vault Automation -ErrorAction Stop
            }
            SetupArgument = @($FakeSecretManagement, (Get-TestApiKey -Name Secret))
            Assert        = {
                param($Folder, $Runs)
                $speech = @(Get-AudioRequest $Runs[0])
                $speech.Count | Should -Be $Announcements.Count
                foreach ($request in $speech) {
                    $authorization = Get-RecordedHeader -Request $request -Name 'Authorization'
                    $authorization.Substring($authorization.Length - 4) | Should -Be (Get-KeyTail (Get-TestApiKey -Name Secret))
                }
                @(Get-ChildItem -LiteralPath (Join-Path $Folder 'announcements') -Filter *.wav).Count | Should -Be $Announcements.Count
                @($Runs[0].Items | Where-Object { $_ -like 'Generated *.wav (*s)' }).Count | Should -Be $Announcements.Count
                @($Runs[1].Items).Count | Should -Be 0
            }
        }
        'A one-shot realtime turn' = @{
            Runs   = 1
            Assert = {
                param($Folder, $Runs)
                $sessions = @(Get-EmulatorRealtimeSession)
                $sessions.Count | Should -Be 1
                $sessions[0].clientEvents | Should -Contain 'conversation.item.create'
                (Wait-EmulatorRealtimeEnd -SessionId $sessions[0].sessionId).closeStatus | Should -Be 1000
                Assert-ValidWav -Path (Join-Path $Folder 'reply.wav') -SampleRate 24000
                # The emulator's reply repeats what it was told.
                @($Runs[0].Items | Where-Object { $_ -is [string] -and $_ -like 'You said: *' }).Count | Should -Be 1
            }
        }
        'Proof-listen the prompts: speech, then transcription' = @{
            Runs   = 1
            Assert = {
                param($Folder, $Runs)
                @(Get-AudioRequest $Runs[0] | Where-Object { $_.path -eq '/v1/audio/speech' }).Count | Should -Be $Prompts.Count
                @(Get-AudioRequest $Runs[0] | Where-Object { $_.path -eq '/v1/audio/transcriptions' }).Count | Should -Be $Prompts.Count
                $checks = @($Runs[0].Items)
                $checks.Count | Should -Be $Prompts.Count
                @($checks.Heard | Sort-Object) -join '|' | Should -Be (@($Prompts.Text | Sort-Object) -join '|')
                @($checks | Where-Object { -not $_.Match }).Count | Should -Be 0
            }
        }
    }
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'README Gallery' {
    It 'has a Gallery section with a PowerShell block for every pipeline' {
        $examples = @(Get-MarkdownExample -Path $Readme -Section 'Gallery')
        $examples.Count | Should -BeGreaterOrEqual $Pipelines.Count
        foreach ($title in $Pipelines.Keys) { @($examples.Title) | Should -Contain $title }
        foreach ($example in $examples) { $example.Code.Trim() | Should -Not -BeNullOrEmpty -Because "'$($example.Title)' needs a powershell block" }
    }

    It 'shows neither the emulator nor a test key: the tests give them as a user would' {
        $code = @(Get-MarkdownExample -Path $Readme -Section 'Gallery' | ForEach-Object { $_.Code }) -join "`n"
        foreach ($name in 'Default', 'Limited', 'Environment', 'Context', 'Secret', 'Leak') {
            $code | Should -Not -Match ([regex]::Escape((Get-TestApiKey -Name $name)))
        }
        $code | Should -Not -Match '127\.0\.0\.1|localhost|\[::1\]'
    }
}

Describe 'README, every block in order' {
    # A reader who follows the README from an empty folder, pasting each powershell block in turn into one
    # session: inputs come from the blocks themselves, nothing clobbers what an earlier block wrote, and $key
    # is defined before it is used. The key and the service reach the session as they reach a user's script
    # (TOKENLAB_API_KEY, TOKENLAB_BASE_URL); the emulator the README names (its documented address and key)
    # is this test's emulator, and the vault it names is the fake SecretManagement's.
    BeforeAll {
        $Blocks = @(Get-MarkdownCodeBlock -Path $Readme)
        $EmulatorAddress = $Test.BaseUri.TrimEnd('/')
        $VaultSetup = {
            param($FakeModule)
            Import-Module $FakeModule -ErrorAction Stop
            Register-SecretVault -Name Automation -ModuleName Microsoft.PowerShell.SecretStore -ErrorAction Stop
        }
    }

    It 'marks a block as not run only rarely, and always says why' {
        $Blocks.Count | Should -BeGreaterThan 10
        $skipped = @($Blocks | Where-Object { $null -ne $_.Skip })
        $skipped.Count | Should -BeLessOrEqual 2 -Because 'a README whose examples do not run is not a README that runs'
        foreach ($block in $skipped) { $block.Skip.Length | Should -BeGreaterThan 10 -Because "the block at line $($block.Line) needs its reason" }
    }

    It 'runs every other block in order against the emulator from an empty folder' {
        Reset-Emulator
        $folder = Join-Path $TestDrive ('readme-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $run = @($Blocks | Where-Object { $null -eq $_.Skip })
        $code = @($run | ForEach-Object { $_.Code.Replace('http://127.0.0.1:5099', $EmulatorAddress).Replace('sk-emulator-local-key', $Test.ApiKey) })
        # The install block is not run: the build's folder on PSModulePath stands in for it, so new runspaces
        # (ForEach-Object -Parallel) find the module by name as they would once it is installed.
        $modulePath = $env:PSModulePath
        try {
            $env:PSModulePath = (Split-Path -Parent (Split-Path -Parent $Test.ModulePath)) + [System.IO.Path]::PathSeparator + $modulePath
            foreach ($name in $EmulatorEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $EmulatorEnvironment[$name]) }
            $results = @(Invoke-DocExampleSequence -Code $code -Location $folder -Setup $VaultSetup -SetupArgument @($FakeSecretManagement))
        }
        finally {
            Clear-TokenLabEnvironment
            $env:PSModulePath = $modulePath
        }

        $failures = @(foreach ($result in $results) {
                $block = $run[$result.Index]
                if (-not $result.Finished) { "line $($block.Line) ($($block.Heading)): did not finish" }
                elseif ($result.HadErrors) { "line $($block.Line) ($($block.Heading)): $($result.Errors -join ' | ')" }
            })
        $failures -join "`n" | Should -BeNullOrEmpty
        $results.Count | Should -Be $run.Count
    }
}

Describe 'Gallery: <Title>' -ForEach $GalleryCases {
    BeforeAll {
        $Pipeline = $Pipelines[$Title]
        if ($null -eq $Pipeline) { $Pipeline = @{ Runs = 1 } }
        $Environment = $EmulatorEnvironment
        if ($Pipeline.ContainsKey('Environment')) { $Environment = $Pipeline.Environment }
    }

    It 'runs end to end against the emulator and does what it says' {
        Reset-Emulator
        $folder = New-GalleryFolder
        $runs = @()
        try {
            foreach ($name in $Environment.Keys) { [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
            for ($i = 1; $i -le $Pipeline.Runs; $i++) {
                Clear-EmulatorRequest
                $run = Invoke-DocExample -Code $Code -Location $folder -Setup $Pipeline.Setup -SetupArgument $Pipeline.SetupArgument
                ($run.Errors -join "`n") | Should -BeNullOrEmpty -Because "run $i of the pipeline"
                $run.HadErrors | Should -BeFalse
                $run | Add-Member -NotePropertyName Requests -NotePropertyValue @(Get-EmulatorRequest)
                $runs += $run
            }
        }
        finally {
            Clear-TokenLabEnvironment
        }
        if ($Pipeline.Runs -gt 1) {
            @(Get-AudioRequest $runs[-1]).Count | Should -Be 0 -Because 'a pipeline that is safe to run again sends nothing the second time'
        }
        if ($Pipeline.ContainsKey('Assert')) { & $Pipeline.Assert $folder $runs }
    }
}
