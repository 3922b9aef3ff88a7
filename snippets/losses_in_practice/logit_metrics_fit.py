import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

# 200 points on a line, two overlapping classes of 100.
rng = np.random.default_rng(0)
y = np.repeat([0.0, 1.0], 100)[:, None].astype("float32")
x = (rng.normal(size=(200, 1)) + 2.0 * y).astype("float32")

# The model outputs a logit; the loss applies the sigmoid itself.
logit = keras.layers.Dense(1, kernel_initializer="zeros")
model = keras.Sequential([keras.Input(shape=(1,)), logit])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.05),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=[
        "accuracy",  # becomes BinaryAccuracy(threshold=0.5): wrong here
        keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy_z"),
        keras.metrics.AUC(name="auc_wrong"),
        keras.metrics.AUC(from_logits=True, name="auc"),
    ],
)
data = tf.data.Dataset.from_tensors((x, y)).repeat()
history = model.fit(data, epochs=5, steps_per_epoch=1, shuffle=False,
                    verbose=0)
# What fit reports for each epoch (computed before that epoch's step) ...
for name in ["accuracy", "accuracy_z"]:
    print(f"{name:10}", " ".join(f"{v:.4f}" for v in history.history[name]))
    #> accuracy   0.5000 0.5000 0.5000 0.5000 0.5500
    #> accuracy_z 0.5000 0.7200 0.7900 0.7900 0.8000
# ... and evaluate after the 5 steps.
for name, value in model.evaluate(x, y, verbose=0, return_dict=True).items():
    print(f"{name:10} {value:.4f}")
    #> accuracy   0.6150
    #> accuracy_z 0.8150
    #> auc        0.9082
    #> auc_wrong  0.8794
    #> loss       0.5917

# Check with NumPy on the model's logits.
z = model.predict(x, verbose=0)
print(f"share of logits between 0 and 0.5: {np.mean((z > 0) & (z <= 0.5)):.4f}")
#> share of logits between 0 and 0.5: 0.4500
print(f"accuracy, z > 0:   {np.mean((z > 0) == (y == 1)):.4f}")
#> accuracy, z > 0:   0.8150
print(f"accuracy, z > 0.5: {np.mean((z > 0.5) == (y == 1)):.4f}")
#> accuracy, z > 0.5: 0.6150
pairs = z[y == 1][:, None] > z[y == 0][None, :]
print(f"pairs ranked right: {pairs.mean():.4f}")
#> pairs ranked right: 0.9093
