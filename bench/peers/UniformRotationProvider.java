import org.hipparchus.CalculusFieldElement;
import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.RotationConvention;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.FieldTransform;
import org.orekit.frames.StaticTransform;
import org.orekit.frames.Transform;
import org.orekit.frames.TransformProvider;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.FieldAbsoluteDate;

/** Body frame turning uniformly about the parent's z axis at omega (rad/s), aligned at epoch:
 *  the Moon-fixed frame of bench cases A, B and D, evaluated in Java (no Python call per force
 *  evaluation). */
public class UniformRotationProvider implements TransformProvider {
    private final AbsoluteDate epoch;
    private final double omega;

    public UniformRotationProvider(AbsoluteDate epoch, double omega) {
        this.epoch = epoch;
        this.omega = omega;
    }

    private Rotation rotation(AbsoluteDate date) {
        return new Rotation(Vector3D.PLUS_K, omega * date.durationFrom(epoch), RotationConvention.FRAME_TRANSFORM);
    }

    @Override
    public Transform getTransform(AbsoluteDate date) {
        return new Transform(date, rotation(date), new Vector3D(0.0, 0.0, omega));
    }

    @Override
    public StaticTransform getStaticTransform(AbsoluteDate date) {
        return StaticTransform.of(date, rotation(date));
    }

    @Override
    public <T extends CalculusFieldElement<T>> FieldTransform<T> getTransform(FieldAbsoluteDate<T> date) {
        throw new UnsupportedOperationException("field transforms are not used by the benchmark");
    }
}
