import keras
import numpy as np
import tensorflow as tf

# One sample of class 1. Its logit z goes from 0 to 12 in steps of 0.01;
# the model's probability of class 1 is sigmoid(z).
z = np.arange(0, 1201, dtype="float32")[:, None] / 100
y_true = np.ones_like(z)

for s in [0.0, 0.1, 0.2]:
    bce = keras.losses.BinaryCrossentropy(
        from_logits=True, label_smoothing=s, reduction=None)
    loss = bce(y_true, z).numpy()
    best = np.argmin(loss)
    p_best = keras.ops.sigmoid(z[best, 0]).numpy()
    line = f"smallest loss {loss[best]:.4g} at z={z[best, 0]:.2f}"
    print(f"s={s}: {line} (p={p_best:.4f})")
    #> s=0.0: smallest loss 6.144e-06 at z=12.00 (p=1.0000)
    #> s=0.1: smallest loss 0.1985 at z=2.94 (p=0.9498)
    #> s=0.2: smallest loss 0.3251 at z=2.20 (p=0.9002)

# The soft label 1 - s/2 of class 1, and the logit whose sigmoid it is.
for s in [0.1, 0.2]:
    soft = 1 - s / 2
    print(f"s={s}: soft label {soft}, at z={np.log(soft / (1 - soft)):.2f}")
    #> s=0.1: soft label 0.95, at z=2.94
    #> s=0.2: soft label 0.9, at z=2.20

# A confident, correct model: z = 10, so p = sigmoid(10) = 0.99995.
# Its loss, and the gradient of the loss with respect to z.
confident = tf.Variable([[10.0]])
for s in [0.0, 0.1]:
    bce = keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=s)
    with tf.GradientTape() as tape:
        loss = bce(np.ones((1, 1)), confident)
    gradient = tape.gradient(loss, confident).numpy()[0, 0]
    print(f"s={s}: loss at z=10 {loss.numpy():.4g}, dL/dz {gradient:+.4g}")
    #> s=0.0: loss at z=10 4.54e-05, dL/dz -4.54e-05
    #> s=0.1: loss at z=10 0.5, dL/dz +0.04995
