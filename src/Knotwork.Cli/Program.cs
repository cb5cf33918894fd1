using System.Text;
using Knotwork.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return KnotworkCommand.Run(args, Console.Out, Console.Error, Console.In);
