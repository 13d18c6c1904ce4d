using System;
using System.Threading.Tasks;

namespace TokenLab.Bench;

/// <summary>One way of making a call; returns how many models it got back, so the ways can be checked to agree.</summary>
internal sealed record CallWay(string Name, Func<ValueTask<int>> InvokeAsync);
