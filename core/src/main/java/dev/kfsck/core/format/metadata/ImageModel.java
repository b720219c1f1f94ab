package dev.kfsck.core.format.metadata;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.VotersRecord;
import org.apache.kafka.image.MetadataImage;
import org.apache.kafka.image.TopicImage;
import org.apache.kafka.metadata.BrokerRegistration;
import org.apache.kafka.metadata.ControllerRegistration;
import org.apache.kafka.metadata.PartitionRegistration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Turns Kafka's image and control records into kfsck's plain model. */
final class ImageModel {

    private ImageModel() {
    }

    static ClusterMetadata toModel(MetadataImage image, OptionalInt kraftVersion, List<Voter> voters,
                                   ImageProvenance provenance) {
        List<TopicEntry> topics = new ArrayList<>();
        List<PartitionEntry> partitions = new ArrayList<>();
        List<BrokerEntry> brokers = new ArrayList<>();
        List<ControllerEntry> controllers = new ArrayList<>();
        Map<String, Short> features = new TreeMap<>();
        Optional<String> mvName = Optional.empty();
        if (image != null) {
            List<TopicImage> sorted = new ArrayList<>(image.topics().topicsByName().values());
            sorted.sort(Comparator.comparing(TopicImage::name));
            for (TopicImage t : sorted) {
                topics.add(new TopicEntry(t.name(), t.id().toString()));
                new TreeMap<>(t.partitions()).forEach((p, reg) -> partitions.add(partition(t, p, reg)));
            }
            new TreeMap<>(image.cluster().brokers()).values().forEach(b -> brokers.add(broker(b)));
            new TreeMap<>(image.cluster().controllers()).values().forEach(c -> controllers.add(controller(c)));
            features.putAll(image.features().finalizedVersions());
            image.features().metadataVersion().ifPresent(mv -> features.put(ClusterMetadata.METADATA_VERSION, mv.featureLevel()));
            mvName = image.features().metadataVersion().map(mv -> mv.version());
        }
        return new ClusterMetadata(topics, partitions, brokers, controllers, features, mvName, kraftVersion, voters,
                provenance);
    }

    private static PartitionEntry partition(TopicImage t, int p, PartitionRegistration reg) {
        List<String> dirs = reg.directories == null ? List.of()
                : Arrays.stream(reg.directories).map(Uuid::toString).toList();
        return new PartitionEntry(t.name(), t.id().toString(), p, ints(reg.replicas), ints(reg.isr), reg.leader,
                reg.leaderEpoch, reg.partitionEpoch, dirs);
    }

    private static BrokerEntry broker(BrokerRegistration b) {
        return new BrokerEntry(b.id(), b.epoch(), String.valueOf(b.incarnationId()),
                b.directories().stream().map(Uuid::toString).toList(), b.fenced(), b.rack().orElse(""));
    }

    private static ControllerEntry controller(ControllerRegistration c) {
        return new ControllerEntry(c.id(), String.valueOf(c.incarnationId()));
    }

    private static List<Integer> ints(int[] a) {
        return a == null ? List.of() : Arrays.stream(a).boxed().toList();
    }

    static List<Voter> voters(VotersRecord record) {
        List<Voter> voters = new ArrayList<>();
        for (VotersRecord.Voter v : record.voters()) {
            List<Voter.Endpoint> endpoints = new ArrayList<>();
            for (VotersRecord.Endpoint e : v.endpoints()) endpoints.add(new Voter.Endpoint(e.name(), e.host(), e.port()));
            voters.add(new Voter(v.voterId(), String.valueOf(v.voterDirectoryId()), endpoints));
        }
        voters.sort(Comparator.comparingInt(Voter::id));
        return voters;
    }
}
