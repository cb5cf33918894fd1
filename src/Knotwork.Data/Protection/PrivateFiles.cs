namespace Knotwork.Data.Protection;

/// <summary>
/// Folders and files only the app's own account may read: folders 0700, files 0600 (on Unix; Windows keeps its
/// inherited access lists). SQLite creates its -wal and -shm files with the main file's mode, so a database file
/// made here keeps its companions private too.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx for the owner only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="folder"/> (and its parents) 0700, or tightens it to 0700 if it is wider.</summary>
    /// <exception cref="InvalidOperationException">The folder is open to others and its mode cannot be changed.</exception>
    public static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
            return;
        }

        Tighten(folder, FolderMode, mustSucceed: true);
    }

    /// <summary>
    /// Creates an empty <paramref name="file"/> 0600 if it does not exist (so whatever opens it later, SQLite included,
    /// finds it private), or tightens an existing one to 0600.
    /// </summary>
    public static void EnsureFile(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var created = new FileStream(file, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        catch (IOException) when (File.Exists(file))
        {
            Tighten(file, FileMode, mustSucceed: true);
        }
    }

    /// <summary>Tightens an existing file to 0600 if it is wider; does nothing when it is absent.</summary>
    public static void TightenIfPresent(string file, bool mustSucceed)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file))
        {
            Tighten(file, FileMode, mustSucceed);
        }
    }

    /// <summary>Creates a new file (never overwriting one) that only the owner may read and write.</summary>
    public static FileStream CreateNew(string file) =>
        OperatingSystem.IsWindows()
            ? new FileStream(file, System.IO.FileMode.CreateNew, FileAccess.Write)
            : new FileStream(file, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });

    private static void Tighten(string path, UnixFileMode mode, bool mustSucceed)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var current = File.GetUnixFileMode(path);
        var open = current & ~mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        if (open == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, current & ~open);
        }
        catch (Exception e) when (mustSucceed && e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException(
                $"'{path}' is open to other users (mode {Convert.ToString((int)current, 8)}) and Knotwork cannot change that: run chmod {Convert.ToString((int)mode, 8)} '{path}' as its owner.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Best effort (e.g. a key mounted read-only by the platform): the file is used as it is.
        }
    }
}
