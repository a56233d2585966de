namespace Workflows.Governance.Documents;

/// <summary>The content part of a local document file: a read-only, seekable view of the file from the end of its
/// header, so that position 0 is the first content byte.</summary>
internal sealed class DocumentFileStream : Stream
{
    private readonly FileStream file;
    private readonly long offset;
    private readonly long length;

    public DocumentFileStream(FileStream file, long offset, long length)
    {
        this.file = file;
        this.offset = offset;
        this.length = length;
        file.Position = offset;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => this.length;

    public override long Position
    {
        get => this.file.Position - this.offset;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            this.file.Position = this.offset + value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => this.Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => this.file.Read(buffer[..this.Available(buffer.Length)]);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        this.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        this.file.ReadAsync(buffer[..this.Available(buffer.Length)], cancellationToken);

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => this.Position + offset,
            SeekOrigin.End => this.length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        this.Position = target;
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("Documents are read-only once opened.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Documents are read-only once opened.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.file.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Available(int requested) => (int)Math.Clamp(this.length - this.Position, 0, requested);
}
