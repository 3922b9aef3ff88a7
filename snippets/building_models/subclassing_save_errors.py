import warnings

import keras
from keras import layers

keras.utils.set_random_seed(0)


# Neither registered nor given a get_config method.
class MyModel(keras.Model):
    def __init__(self, hidden, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden
        self.layer1 = layers.Dense(
            hidden,
            activation="relu",
            kernel_initializer="he_normal",
            name="layer1",
        )
        self.layer2 = layers.Dense(
            2, activation="relu", kernel_initializer="he_normal", name="layer2"
        )
        self.layer3 = layers.Dense(
            2,
            activation="sigmoid",
            kernel_initializer="he_normal",
            name="layer3",
        )

    def call(self, inputs):
        x = self.layer1(inputs)
        x = self.layer2(x)
        return self.layer3(x)


def save(model, path):
    # NumPy 2's warning, see #sequential-train-save
    with warnings.catch_warnings():
        message = "__array__ implementation"  # only this DeprecationWarning
        warnings.filterwarnings("ignore", message, DeprecationWarning)
        model.save(path)


# 1. Without get_config, Keras does not know what to pass to __init__.
model = MyModel(hidden=3, name="my_subclassed")
model(keras.Input(shape=(3,)))
try:
    save(model, "no_config.keras")
except NotImplementedError as error:
    print(type(error).__name__, "Please implement `get_config()`" in str(error))
    #> NotImplementedError True


# A default value does not help: Keras then fills in the config by itself,
# but with the default, not with the value the model was created with.
class WithDefault(MyModel):
    def __init__(self, hidden=3, **kwargs):
        super().__init__(hidden, **kwargs)


model = WithDefault(hidden=8)
print(model.hidden, model.get_config()["hidden"])
#> 8 3


# 2. With get_config, saving works, but loading needs to find the class.
class WithConfig(MyModel):
    def get_config(self):
        return {**super().get_config(), "hidden": self.hidden}


model = WithConfig(hidden=3, name="my_subclassed")
model(keras.Input(shape=(3,)))
save(model, "unregistered.keras")
try:
    keras.models.load_model("unregistered.keras")
except TypeError as error:
    print(type(error).__name__, str(error).split(". ")[0])
    #> TypeError Could not locate class 'WithConfig'

# 3. Without registration, pass the class to load_model yourself.
loaded = keras.models.load_model(
    "unregistered.keras", custom_objects={"WithConfig": WithConfig}
)
print(type(loaded).__name__, loaded.hidden)
#> WithConfig 3
