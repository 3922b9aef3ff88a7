import keras
import tensorflow as tf

# One weight w = 2 with a data-loss gradient of 0.5, and lambda = 0.1.
# An L2 penalty (lambda / 2) * w² adds lambda * w to the gradient;
# weight_decay=lambda makes the optimizer shrink w by lr * lambda * w itself.
lam, lr, grad = 0.1, 0.1, tf.constant([0.5])


def train(optimizer, penalty, steps):
    w = keras.Variable([2.0])
    for _ in range(steps):
        # The same data gradient every step, plus the penalty's lambda * w.
        optimizer.apply([grad + penalty * lam * w], [w])
    return w.numpy()[0]


print(f"{'':25}{'L2 penalty':>12}{'weight_decay':>14}")
#>                            L2 penalty  weight_decay
SGD, Adam = keras.optimizers.SGD, keras.optimizers.Adam
for name, optimizer, options, steps in [
    ("SGD, 1 step", SGD, {}, 1),
    ("Adam, 1 step", Adam, {}, 1),
    ("SGD, 3 steps", SGD, {}, 3),
    # With momentum, the penalty's lambda * w also accumulates in the
    # velocity; decoupled decay never enters it.
    ("SGD momentum=0.9, 3 steps", SGD, {"momentum": 0.9}, 3),
]:
    with_penalty = train(optimizer(lr, **options), 1.0, steps)
    decaying = optimizer(lr, weight_decay=lam, **options)
    with_decay = train(decaying, 0.0, steps)
    print(f"{name:25}{with_penalty:12.6f}{with_decay:14.6f}")
    #> SGD, 1 step                  1.930000      1.930000
    #> Adam, 1 step                 1.900001      1.880001
    #> SGD, 3 steps                 1.792093      1.792093
    #> SGD momentum=0.9, 3 steps    1.610653      1.662043

# Keras' own penalty, keras.regularizers.L2(l2), is l2 * sum(w²), without
# the 1/2: at w = 2, L2(0.1) gives 0.1 * 2² = 0.4.
w = keras.Variable([2.0])
print(f"L2(0.1) at w = 2: {float(keras.regularizers.L2(lam)(w)):.2f}")
#> L2(0.1) at w = 2: 0.40
# So the penalty above, with the gradient lambda * w, is L2(lambda / 2).
with tf.GradientTape() as tape:
    penalty = keras.regularizers.L2(lam / 2)(w)
gradient = float(tape.gradient(penalty, w)[0])
print(f"gradient of L2(0.05) at w = 2: {gradient:.2f}")
#> gradient of L2(0.05) at w = 2: 0.20
