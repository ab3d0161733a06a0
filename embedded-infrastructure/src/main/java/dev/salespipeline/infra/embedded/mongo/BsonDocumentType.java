package dev.salespipeline.infra.embedded.mongo;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * How the documents of a collection are kept in the MVStore file: as BSON, the encoding they arrive in on the wire.
 * The plain backend stores them with Java serialization, which writes every field's class descriptor again in every
 * document and reads a page back through an {@code ObjectInputStream}; on a read model that updates the documents it
 * reads, those two took about a third of the server's time. A document holding a value BSON has no encoding for is
 * stored serialized, behind its own tag, so nothing the server accepts is refused here.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private static final byte BSON = 1;
    private static final byte SERIALIZED = 2;

    private BsonDocumentType() {
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        byte[] bytes = bson(document);
        byte tag = BSON;
        if (bytes == null) {
            bytes = ObjectDataType.serialize(document);
            tag = SERIALIZED;
        }
        buffer.put(tag).putVarInt(bytes.length).put(bytes);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        byte tag = buffer.get();
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return switch (tag) {
            case BSON -> BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
            case SERIALIZED -> (Document) ObjectDataType.deserialize(bytes);
            default -> throw new IllegalStateException("unknown document encoding " + tag + " in the store");
        };
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /** An estimate of the document's size on the heap, which the store's page cache counts against its bound. */
    @Override
    public int getMemory(Document document) {
        return memory(document);
    }

    private static byte[] bson(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } catch (RuntimeException noEncoding) {
            return null;
        } finally {
            buffer.release();
        }
    }

    private static int memory(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 40 + memory(entry.getKey()) + memory(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40;
            for (Object element : values) {
                size += 8 + memory(element);
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return 48 + text.length();
        }
        return 24;
    }
}
