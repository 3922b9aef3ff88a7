import keras
import tensorflow as tf

# A few errors x = y_pred - y_true, one sample each: small, zero and large.
x = tf.constant([[-3.0], [-1.0], [-0.5], [0.0], [0.5], [1.0], [3.0]])
losses = {
    "L1": keras.losses.MeanAbsoluteError(reduction=None),
    "L2": keras.losses.MeanSquaredError(reduction=None),
    "smooth L1": keras.losses.Huber(delta=1.0, reduction=None),
}

print(f"{'x':10}" + "".join(f"{v:6.1f}" for v in x.numpy()[:, 0]))
#> x           -3.0  -1.0  -0.5   0.0   0.5   1.0   3.0
for name, loss_fn in losses.items():
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = loss_fn(tf.zeros_like(x), x)
    # dL/dx for each sample; + 0.0 turns TensorFlow's -0.0 into 0.0.
    grad = tape.gradient(loss, x).numpy()[:, 0] + 0.0
    print(f"{name:10}" + "".join(f"{v:6.1f}" for v in grad))
    #> L1          -1.0  -1.0  -1.0   0.0   1.0   1.0   1.0
    #> L2          -6.0  -2.0  -1.0   0.0   1.0   2.0   6.0
    #> smooth L1   -1.0  -1.0  -0.5   0.0   0.5   1.0   1.0
