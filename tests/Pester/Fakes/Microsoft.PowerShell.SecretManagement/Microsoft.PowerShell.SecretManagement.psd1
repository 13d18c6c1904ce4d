# A test double of Microsoft.PowerShell.SecretManagement for the TokenLab Pester suite: the same
# module name, command names, parameters and error shapes the module relies on, with secrets held
# in memory in this module's scope. Never shipped; never put on PSModulePath outside the tests.
@{
    RootModule           = 'Microsoft.PowerShell.SecretManagement.psm1'
    ModuleVersion        = '1.1.2'
    GUID                 = '3f9a0b52-6d41-4c27-9a0e-57c1f0e2d8b4'
    Author               = 'TokenLab for PowerShell contributors'
    CompanyName          = 'TokenLab for PowerShell contributors'
    Copyright            = '(c) TokenLab for PowerShell contributors. MIT License.'
    Description          = 'Test double of Microsoft.PowerShell.SecretManagement (in-memory vaults) for the TokenLab Pester suite.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    FunctionsToExport    = @(
        'Get-Secret'
        'Set-Secret'
        'Remove-Secret'
        'Get-SecretInfo'
        'Register-SecretVault'
        'Unregister-SecretVault'
        'Get-SecretVault'
        'Set-SecretVaultDefault'
        'Test-SecretVault'
        'Reset-SecretManagementFake'
        'Get-SecretManagementFakeCall'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{ PSData = @{ Tags = @('TestDouble') } }
}
